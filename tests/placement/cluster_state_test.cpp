#include "ecsim/placement/cluster_state.hpp"

#include <doctest/doctest.h>

#include "ecsim/core/error.hpp"

using namespace ecsim;

namespace {

InstanceSpec spec(const char* type, const char* az, int cpu, int mem) {
  InstanceSpec s;
  s.instance_type = type;
  s.availability_zone = az;
  s.cpu_units = cpu;
  s.memory_mib = mem;
  return s;
}

}  // namespace

TEST_CASE("committing and releasing a task moves the instance's remaining resources") {
  ClusterState s;
  const InstanceId id = s.register_instance(spec("m5.large", "us-east-1a", 2048, 7680));
  const DemandId d = s.add_demand(simple_demand(512, 1024, 0, NetworkMode::bridge));
  s.commit(TaskId{4}, id, d, s.group("service:web"));
  CHECK(s.remaining(id) == Capacity{1536, 6656, 0, 0});
  CHECK(s.running_tasks(id) == 1);
  CHECK(s.instance_of(TaskId{4}) == id);
  CHECK(s.live_tasks() == 1);
  s.release(TaskId{4});
  CHECK(s.remaining(id) == Capacity{2048, 7680, 0, 0});
  CHECK(s.instance_of(TaskId{4}) == invalid_id<InstanceId>);
}

TEST_CASE("built-in attributes are interned once and shared by instances with the same set") {
  ClusterState s;
  const InstanceId a = s.register_instance(spec("c5.large", "us-east-1a", 2048, 3840));
  const InstanceId b = s.register_instance(spec("c5.large", "us-east-1a", 2048, 3840));
  const InstanceId c = s.register_instance(spec("c5.large", "us-east-1b", 2048, 3840));
  CHECK(s.attribute_class(a) == s.attribute_class(b));
  CHECK(s.attribute_class(a) != s.attribute_class(c));
  const AttributeTable& t = s.attributes();
  CHECK(t.text(t.value_of(s.attribute_class(a), AttributeTable::instance_type)) == "c5.large");
  CHECK(t.text(t.value_of(s.attribute_class(a), AttributeTable::os_type)) == "linux");
  CHECK(t.text(t.value_of(s.attribute_class(a), AttributeTable::cpu_architecture)) == "x86_64");
  CHECK(t.is_missing(t.value_of(s.attribute_class(a), AttributeTable::ami_id)));
  const std::uint32_t before = s.epoch(b);
  s.set_attribute(b, "stack", "prod");
  CHECK(s.epoch(b) != before);
  CHECK(s.attribute_class(a) != s.attribute_class(b));
  s.remove_attribute(b, "stack");
  CHECK(s.attribute_class(a) == s.attribute_class(b));
}

TEST_CASE("attribute names and values follow ECS's rules") {
  ClusterState s;
  const InstanceId id = s.register_instance(spec("c5.large", "us-east-1a", 2048, 3840));
  CHECK_THROWS_WITH_AS(s.set_attribute(id, "bad name", "x"),
                       "attribute name 'bad name' may use letters, digits and - _ / . only", InputError);
  CHECK_THROWS_WITH_AS(s.set_attribute(id, "stack", " prod"),
                       "attribute stack: value ' prod' may not start or end with a space", InputError);
  CHECK_THROWS_WITH_AS(s.set_attribute(id, "ecs.instance-type", "x"),
                       "attribute ecs.instance-type is set by ECS itself; custom attributes may not start with 'ecs.'",
                       InputError);
  const std::string long_name(129, 'a');
  const std::string message = "attribute name '" + long_name + "' must be 1-128 characters";
  CHECK_THROWS_WITH_AS(s.set_attribute(id, long_name, "x"), message.c_str(), InputError);
}

TEST_CASE("draining, reactivating and deregistering keep the indexes in step") {
  ClusterState s;
  s.enable_index(CapacityOrder::memory);
  const InstanceId a = s.register_instance(spec("m5.large", "us-east-1a", 2048, 8192));
  const InstanceId b = s.register_instance(spec("m5.large", "us-east-1a", 2048, 4096));
  const CapacityIndex& idx = *s.capacity_index(CapacityOrder::memory);
  const auto any = [](std::uint32_t) { return true; };
  CHECK(idx.first_fit({128, 128, 0, 0}, ~0ULL, any) == index(b));
  s.set_status(b, InstanceStatus::draining);
  CHECK(s.active_count() == 1);
  CHECK(idx.first_fit({128, 128, 0, 0}, ~0ULL, any) == index(a));
  s.set_status(b, InstanceStatus::active);
  CHECK(idx.first_fit({128, 128, 0, 0}, ~0ULL, any) == index(b));
  const std::uint32_t epoch = s.epoch(b);
  s.deregister_instance(b);
  CHECK(s.status(b) == InstanceStatus::absent);
  CHECK(idx.size() == 1);
  // The freed row comes back for the next instance, with a new epoch.
  const InstanceId c = s.register_instance(spec("r5.large", "us-east-1b", 2048, 16384));
  CHECK(c == b);
  CHECK(s.epoch(c) != epoch);
  CHECK(s.registered_count() == 2);
}

TEST_CASE("per-group counts start when first asked for and include tasks already placed") {
  ClusterState s;
  const InstanceId a = s.register_instance(spec("m5.large", "us-east-1a", 2048, 8192));
  const DemandId d = s.add_demand(simple_demand(128, 128));
  const TaskGroupId web = s.group("service:web");
  s.commit(TaskId{0}, a, d, web);
  s.commit(TaskId{1}, a, d, web);
  s.track_instance_groups();
  s.track_attribute(AttributeTable::availability_zone);
  CHECK(s.group_count_on(web, a) == 2);
  CHECK(s.group_count_in(web, s.availability_zone(a)) == 2);
  s.release(TaskId{0});
  CHECK(s.group_count_on(web, a) == 1);
  CHECK(s.group_count_in(web, s.availability_zone(a)) == 1);
}

TEST_CASE("an instance too full for every registered demand leaves the index until a task is released") {
  ClusterState s;
  s.enable_index(CapacityOrder::memory);
  const InstanceId a = s.register_instance(spec("m5.large", "us-east-1a", 2048, 1536));
  const InstanceId b = s.register_instance(spec("m5.large", "us-east-1a", 2048, 8192));
  const DemandId d = s.add_demand(simple_demand(256, 1024));
  const CapacityIndex& idx = *s.capacity_index(CapacityOrder::memory);
  const TaskGroupId web = s.group("service:web");
  s.commit(TaskId{0}, a, d, web);  // 512 MiB left: no registered demand fits
  CHECK(idx.size() == 1);
  CHECK(idx.contains(index(b)));
  s.release(TaskId{0});
  CHECK(idx.size() == 2);
  CHECK(idx.first_fit({256, 1024, 0, 0}, ~0ULL, [](std::uint32_t) { return true; }) == index(a));
  CHECK(idx.valid());
}

TEST_CASE("registering a smaller demand puts back the instances only it fits") {
  ClusterState s;
  s.enable_index(CapacityOrder::memory);
  const InstanceId a = s.register_instance(spec("m5.large", "us-east-1a", 2048, 1536));
  s.register_instance(spec("m5.large", "us-east-1a", 2048, 8192));
  const DemandId big = s.add_demand(simple_demand(256, 1024));
  s.commit(TaskId{0}, a, big, s.group("service:web"));
  const CapacityIndex& idx = *s.capacity_index(CapacityOrder::memory);
  CHECK(idx.size() == 1);
  s.add_demand(simple_demand(128, 512));
  CHECK(idx.size() == 2);
  CHECK(idx.first_fit({128, 512, 0, 0}, ~0ULL, [](std::uint32_t) { return true; }) == index(a));
}
