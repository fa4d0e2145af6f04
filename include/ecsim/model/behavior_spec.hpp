#pragma once
/// ecsim: how the tasks of a task definition behave once started — what ECS
/// cannot know from the API (how long they take to start, how much CPU a
/// request costs, whether a release is broken).
#include <ecsim/core/time.hpp>
#include <ecsim/model/duration_distribution.hpp>
#include <ecsim/model/source_location.hpp>

#include <optional>
#include <string>

namespace ecsim {

/// Behaviour of one family (all revisions) or one "family:revision".
/// The defaults are ecsim assumptions, not ECS facts.
struct BehaviorSpec {
  std::string task_definition;                               ///< "family" or "family:revision"; the revision entry wins
  DurationDistribution image_pull{.value = Millis{10'000}};  ///< pulling images (ACTIVATING)
  DurationDistribution startup{.value = Millis{5'000}};      ///< from RUNNING until the app answers
  DurationDistribution shutdown{.value = Millis{1'000}};     ///< SIGTERM until the app exits
  double requests_per_second_per_task = 0;                   ///< load at 100 % CPU; 0 = CPU does not follow load
  double cpu_utilization = 10;                               ///< percent of task CPU used with no load
  double memory_utilization = 30;                            ///< percent of task memory used
  std::optional<double> memory_utilization_at_full_load;     ///< memory grows linearly with load up to this
  bool fail_health_checks = false;                           ///< a bad release: health checks never pass
  std::optional<Millis> exit_after;                          ///< essential container exits this long after RUNNING
  double fail_start_probability = 0;                         ///< chance a task stops before RUNNING, 0-1
  SourceLocation where;                                      ///< where the entry was written
  bool operator==(const BehaviorSpec&) const = default;
};

}  // namespace ecsim
