// Every public header together in one translation unit: no two layers may
// define the same name (a clash here would be an ODR violation elsewhere).
#include <ecsim/ecsim.hpp>

#include <doctest/doctest.h>

TEST_CASE("all public headers compile together and name distinct types") {
  CHECK(ecsim::enum_name(ecsim::NetworkMode::awsvpc) == "awsvpc");
  CHECK(ecsim::to_string(ecsim::TaskState::running) == "RUNNING");
}
