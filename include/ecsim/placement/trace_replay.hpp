#pragma once
/// Trace replay: a real cluster trace (nodes and pods) run through Placer
/// with one placement policy, reporting what a user compares strategies by.
/// The shipped trace is Alibaba's "openb" GPU cluster (data/traces/alibaba-openb/,
/// Weng et al., USENIX ATC'23; see its README for the citation).
///
/// Mapping: a node becomes an ACTIVE container instance (1000 millicores =
/// 1024 CPU units, rounded to the nearest unit; memory in MiB; its GPU count;
/// `ecs.instance-type` "openb.<GPU model>" or "openb.cpu"; AZs openb-a,
/// openb-b, openb-c assigned round-robin, since the trace has none). A pod
/// becomes a task of group "alibaba-openb" arriving at creation_time and
/// released at deletion_time (at once if that is not later). ECS GPUs are
/// whole, so a pod sharing a fraction of a GPU (gpu_milli < 1000) takes
/// num_gpu whole GPUs. A pod that does not fit on arrival fails; it is not retried.
#include <cstdint>
#include <string>
#include <vector>

#include "ecsim/core/time.hpp"
#include "ecsim/placement/placement_policy.hpp"

namespace ecsim {

/// One machine of a trace.
struct TraceNode {
  std::string name;
  int cpu_milli = 0;
  int memory_mib = 0;
  int gpus = 0;
  std::string gpu_model;  ///< empty for CPU-only machines

  friend bool operator==(const TraceNode&, const TraceNode&) = default;
};

/// One pod (task) of a trace.
struct TracePod {
  std::string name;
  int cpu_milli = 0;
  int memory_mib = 0;
  int gpus = 0;
  Millis created{0};
  Millis deleted{0};

  friend bool operator==(const TracePod&, const TracePod&) = default;
};

/// A whole trace.
struct Trace {
  std::vector<TraceNode> nodes;
  std::vector<TracePod> pods;
};

/// Reads `nodes.csv` and `pods.csv` of the openb format from directory.
/// Throws ScenarioError (`FILE:LINE: column: what is wrong`) on bad input.
Trace load_alibaba_trace(const std::string& directory);

/// What one replay produced.
struct ReplayResult {
  std::uint32_t placed = 0;
  std::uint32_t failed = 0;  ///< placed + failed = pods x copies
  std::uint32_t peak_instances_used = 0;  ///< most instances running >= 1 task at one time
  std::uint32_t peak_lower_bound = 0;     ///< most instances InstanceLowerBound required at one time
  /// Allocated / registered CPU of the instances in use, averaged over time
  /// (first arrival to last departure); likewise memory and GPUs (0 without GPUs).
  double cpu_utilisation = 0;
  double memory_utilisation = 0;
  double gpu_utilisation = 0;
};

/// Replays trace with policy; seed feeds the random strategy. copies > 1
/// runs that many copies of every pod at the same times (the openb trace has
/// at most 56 pods running at once; copies create contention and scale the
/// replay toward millions of tasks).
ReplayResult replay_trace(const Trace& trace, const PlacementPolicy& policy, std::uint64_t seed = 1,
                          std::uint32_t copies = 1);

}  // namespace ecsim
