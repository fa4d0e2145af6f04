#include "ecsim/core/ids.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <type_traits>
#include <vector>

using ecsim::IdAllocator;
using ecsim::InstanceId;
using ecsim::TaskId;

// Strong ids do not mix: not with each other, not with plain integers.
static_assert(!std::is_convertible_v<TaskId, InstanceId>);
static_assert(!std::is_convertible_v<InstanceId, TaskId>);
static_assert(!std::is_convertible_v<std::uint32_t, TaskId>);
static_assert(!std::is_convertible_v<TaskId, std::uint32_t>);
static_assert(!std::is_assignable_v<TaskId&, InstanceId>);
static_assert(sizeof(TaskId) == 4);

// index()/make_id() accept only ecsim's id enums.
enum class Unrelated : std::uint32_t {};
static_assert(ecsim::DenseId<ecsim::DeploymentId>);
static_assert(!ecsim::DenseId<Unrelated>);
static_assert(!ecsim::DenseId<std::uint32_t>);
template <class T>
concept Indexable = requires(T t) { ecsim::index(t); };
static_assert(Indexable<ecsim::ServiceId>);
static_assert(!Indexable<Unrelated>);
static_assert(!Indexable<std::uint32_t>);

TEST_CASE("index and make_id convert between an id and its row") {
  static_assert(ecsim::index(ecsim::make_id<ecsim::ServiceId>(17)) == 17);
  CHECK(ecsim::index(TaskId{5}) == 5);
  CHECK(ecsim::make_id<InstanceId>(9) == InstanceId{9});
  CHECK(ecsim::index(ecsim::invalid_id<ecsim::ClusterId>) == 0xFFFFFFFFu);
}

TEST_CASE("a new allocator hands out ids 0, 1, 2 in order") {
  IdAllocator<TaskId> ids;
  CHECK(ids.capacity() == 0);
  CHECK(ids.live() == 0);
  CHECK(ids.allocate() == TaskId{0});
  CHECK(ids.allocate() == TaskId{1});
  CHECK(ids.allocate() == TaskId{2});
  CHECK(ids.capacity() == 3);
  CHECK(ids.live() == 3);
}

TEST_CASE("the most recently released id is reused first") {
  IdAllocator<InstanceId> ids;
  ids.reserve(8);
  for (int i = 0; i < 5; ++i) ids.allocate();
  CHECK(ids.release(InstanceId{1}));
  CHECK(ids.release(InstanceId{3}));
  CHECK(ids.live() == 3);
  CHECK(ids.capacity() == 5);  // capacity never shrinks

  CHECK(ids.allocate() == InstanceId{3});
  CHECK(ids.allocate() == InstanceId{1});
  CHECK(ids.allocate() == InstanceId{5});  // free list empty: next new index
  CHECK(ids.live() == 6);
  CHECK(ids.capacity() == 6);
}

TEST_CASE("alive is true only between allocate and release") {
  IdAllocator<ecsim::ServiceId> ids;
  const auto a = ids.allocate();
  const auto b = ids.allocate();
  CHECK(ids.alive(a));
  CHECK(ids.alive(b));
  CHECK_FALSE(ids.alive(ecsim::ServiceId{2}));  // never allocated
  CHECK_FALSE(ids.alive(ecsim::invalid_id<ecsim::ServiceId>));
  ids.release(a);
  CHECK_FALSE(ids.alive(a));
  CHECK(ids.alive(b));
  CHECK(ids.allocate() == a);
  CHECK(ids.alive(a));
}

TEST_CASE("releasing an id that is not alive returns false and changes nothing") {
  IdAllocator<ecsim::DeploymentId> ids;
  const auto a = ids.allocate();
  ids.allocate();
  CHECK(ids.release(a));
  SUBCASE("released twice") { CHECK_FALSE(ids.release(a)); }
  SUBCASE("never allocated") { CHECK_FALSE(ids.release(ecsim::DeploymentId{7})); }
  SUBCASE("invalid id") { CHECK_FALSE(ids.release(ecsim::invalid_id<ecsim::DeploymentId>)); }
  CHECK(ids.live() == 1);
  CHECK(ids.capacity() == 2);
  // The double release did not put a second copy on the free list.
  CHECK(ids.allocate() == a);
  CHECK(ids.allocate() == ecsim::DeploymentId{2});
}

TEST_CASE("capacity sizes a column for every id ever handed out") {
  IdAllocator<ecsim::TaskDefinitionId> ids;
  std::vector<int> column;
  for (int round = 0; round < 3; ++round) {
    std::vector<ecsim::TaskDefinitionId> batch;
    for (int i = 0; i < 4; ++i) batch.push_back(ids.allocate());
    column.resize(ids.capacity());
    for (const auto id : batch) column.at(ecsim::index(id)) = round;
    for (const auto id : batch) ids.release(id);
  }
  CHECK(ids.capacity() == 4);  // each round reused the same four rows
  CHECK(ids.live() == 0);
  CHECK(column == std::vector<int>{2, 2, 2, 2});
}
