#include "ecsim/placement/cluster_query.hpp"

#include <doctest/doctest.h>

#include "ecsim/core/error.hpp"

using namespace ecsim;

namespace {

struct World {
  AttributeTable attributes;
  TaskGroupTable groups;

  AttributeClassId add_class(std::initializer_list<std::pair<const char*, const char*>> pairs) {
    std::vector<AttrValueId> values;
    for (const auto& [name, value] : pairs) values.push_back(attributes.intern_value(attributes.intern_name(name), value));
    return attributes.intern_class(values);
  }

  ClusterQuery parse(const char* text) { return ClusterQuery::parse(text, attributes, groups); }
};

void check_error(const char* text, const char* message) {
  World w;
  CHECK_THROWS_WITH_AS(w.parse(text), message, InputError);
}

}  // namespace

TEST_CASE("invalid memberOf expressions name the 1-based column of the bad token") {
  check_error("attribute:ecs.instance-type == t2.small or attribute:ecs.availability-zone ==",
              "memberOf expression: column 78: expected a value after '=='");
  check_error("atribute:ecs.instance-type == t2.small",
              "memberOf expression: column 1: unknown subject 'atribute:ecs.instance-type'; "
              "did you mean 'attribute:ecs.instance-type'?");
  check_error("attribute:ecs.instance-type equal t2.small",
              "memberOf expression: column 29: unknown operator 'equal'; did you mean 'equals'?");
  check_error("attribute:ecs.instance-type eq t2.small",
              "memberOf expression: column 29: unknown operator 'eq'; "
              "expected ==, !=, >, >=, <, <=, exists, !exists, in, !in, =~ or !~");
  check_error("(attribute:a == b", "memberOf expression: column 18: expected ')' to close the '(' at column 1");
  check_error("attribute:ecs.availability-zone in [us-east-1a, us-east-1b",
              "memberOf expression: column 59: expected ',' or ']' in the list");
  check_error("attribute:ecs.instance-type in us", "memberOf expression: column 32: expected '[' after 'in'");
  check_error("attribute:a == b and", "memberOf expression: column 21: expected an expression");
  check_error("attribute:a == b)", "memberOf expression: column 17: unexpected ')' after a complete expression");
  check_error("", "memberOf expression: column 1: the expression is empty");
  check_error("task:group > 3", "memberOf expression: column 12: operator '>' does not apply to task:group");
  check_error("runningTasksCount > many",
              "memberOf expression: column 21: runningTasksCount compares with a number, not 'many'");
  check_error("attribute:ecs.instance-type =~ g2.(",
              "memberOf expression: column 32: 'g2.(' is not a valid regular expression");
  check_error("attribute: == x", "memberOf expression: column 11: expected an attribute name after 'attribute:'");
  check_error("agentVersion == 1", "memberOf expression: column 1: subject 'agentVersion' is not modelled by ecsim");
  check_error(std::string(2001, 'a').c_str(), "memberOf expression: longer than 2000 characters (2001)");
}

TEST_CASE("word and symbol operators mean the same") {
  World w;
  const AttributeClassId small = w.add_class({{"ecs.instance-type", "t2.small"}, {"ecs.availability-zone", "us-east-1a"}});
  const AttributeClassId big = w.add_class({{"ecs.instance-type", "m5.4xlarge"}, {"ecs.availability-zone", "us-east-1b"}});
  const auto verdicts = [&](const char* text) {
    const ClusterQuery q = w.parse(text);
    return std::vector<Tri>{q.evaluate_class(w.attributes, small), q.evaluate_class(w.attributes, big)};
  };
  using V = std::vector<Tri>;
  CHECK(verdicts("attribute:ecs.instance-type equals t2.small") == V{Tri::yes, Tri::no});
  CHECK(verdicts("attribute:ecs.instance-type not_equals t2.small") == V{Tri::no, Tri::yes});
  CHECK(verdicts("attribute:ecs.instance-type matches m5.*") == V{Tri::no, Tri::yes});
  CHECK(verdicts("attribute:ecs.instance-type !~ m5.*") == V{Tri::yes, Tri::no});
  CHECK(verdicts("attribute:ecs.instance-type not_matches m5.*") == V{Tri::yes, Tri::no});
  CHECK(verdicts("attribute:ecs.availability-zone !in [us-east-1a]") == V{Tri::no, Tri::yes});
  CHECK(verdicts("attribute:ecs.instance-type not_exists") == V{Tri::no, Tri::no});
  CHECK(verdicts("attribute:ecs.instance-type==t2.small&&attribute:ecs.availability-zone==us-east-1a") ==
        V{Tri::yes, Tri::no});
  CHECK(verdicts("attribute:ecs.instance-type =~ (c5|m5).* || attribute:ecs.instance-type == t2.small") ==
        V{Tri::yes, Tri::yes});
}

TEST_CASE("ordering compares numbers as numbers and other values as text") {
  World w;
  const AttributeClassId nine = w.add_class({{"gen", "9"}});
  const AttributeClassId ten = w.add_class({{"gen", "10"}});
  const AttributeClassId none = w.add_class({});
  const ClusterQuery q = w.parse("attribute:gen >= 10");
  CHECK(q.evaluate_class(w.attributes, nine) == Tri::no);
  CHECK(q.evaluate_class(w.attributes, ten) == Tri::yes);
  CHECK(q.evaluate_class(w.attributes, none) == Tri::no);
  const ClusterQuery text = w.parse("attribute:gen < a");
  CHECK(text.evaluate_class(w.attributes, nine) == Tri::yes);  // "9" < "a"
}

TEST_CASE("subjects beyond attributes are unknown per class and decided per instance") {
  World w;
  const AttributeClassId c = w.add_class({{"ecs.instance-type", "c5.large"}});
  const ClusterQuery q = w.parse("attribute:ecs.instance-type == c5.large and ec2InstanceId in [i-1, i-2]");
  CHECK(q.depends_on_instance());
  CHECK_FALSE(q.depends_on_tasks());
  CHECK(q.evaluate_class(w.attributes, c) == Tri::unknown);
  InstanceFacts f;
  f.attribute_class = c;
  f.ec2_instance_id = "i-2";
  CHECK(q.evaluate(w.attributes, f));
  f.ec2_instance_id = "i-3";
  CHECK_FALSE(q.evaluate(w.attributes, f));
  // A false attribute part decides the class without looking at the instance.
  const ClusterQuery never = w.parse("attribute:ecs.instance-type == m5.large and ec2InstanceId == i-1");
  CHECK(never.evaluate_class(w.attributes, c) == Tri::no);

  const ClusterQuery busy = w.parse("runningTasksCount > 2 or registeredAt < 15m or agentConnected == false");
  CHECK(busy.depends_on_tasks());
  f.running_tasks = 3;
  f.registered_at = Millis{3'600'000};
  CHECK(busy.evaluate(w.attributes, f));
  f.running_tasks = 2;
  CHECK_FALSE(busy.evaluate(w.attributes, f));
  f.registered_at = Millis{60'000};
  CHECK(busy.evaluate(w.attributes, f));
  f.registered_at = Millis{3'600'000};
  f.agent_connected = false;
  CHECK(busy.evaluate(w.attributes, f));
}

TEST_CASE("task:group asks whether the instance runs a task of that group") {
  World w;
  const TaskGroupId database = w.groups.intern("database");
  const ClusterQuery q = w.parse("not(task:group == database)");
  CHECK(q.groups() == std::vector<TaskGroupId>{database});
  InstanceFacts f;
  f.attribute_class = w.add_class({});
  f.runs_group = [](const void*, TaskGroupId g, std::uint32_t instance) { return instance == 1 && index(g) == 0; };
  f.instance = 0;
  CHECK(q.evaluate(w.attributes, f));
  f.instance = 1;
  CHECK_FALSE(q.evaluate(w.attributes, f));
  const ClusterQuery any = w.parse("task:group in [web, database]");
  CHECK(any.evaluate(w.attributes, f));
}
