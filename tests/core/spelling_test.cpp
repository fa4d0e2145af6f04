#include <ecsim/core/spelling.hpp>

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

using ecsim::detail::closest_match;
using ecsim::detail::edit_distance;

TEST_CASE("edit distance counts insertions, deletions, substitutions and adjacent swaps") {
  CHECK(edit_distance("", "") == 0);
  CHECK(edit_distance("run", "") == 3);
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("m5.larg", "m5.large") == 1);
  CHECK(edit_distance("xlrage", "xlarge") == 1);  // one swap, not two substitutions
  CHECK(edit_distance("DesiredCount", "desiredCount") == 0);
}

TEST_CASE("closest match suggests the nearest candidate within three edits") {
  const std::vector<std::string_view> options = {"run", "validate", "sweep", "price"};
  CHECK(closest_match("valdiate", options) == std::optional<std::string_view>("validate"));
  CHECK(closest_match("prices", options) == std::optional<std::string_view>("price"));
  CHECK_FALSE(closest_match("deploy", options).has_value());
  CHECK_FALSE(closest_match("x", options).has_value());  // one letter is no evidence
}

TEST_CASE("closest match breaks ties by candidate order") {
  const std::vector<std::string> owned = {"c5.large", "m5.large", "r5.large"};
  const auto near = closest_match("x5.large", owned);
  REQUIRE(near.has_value());
  CHECK(*near == "c5.large");
  CHECK(near->data() == owned[0].data());  // a view of the caller's string
}
