// A deployment that fails (circuit breaker, alarm, blue/green replacement or
// lifecycle hook) and its rollback to the deployment that served before.
#include "scheduler/blue_green.hpp"
#include "scheduler/service_scheduler.hpp"

#include <fmt/format.h>

#include <utility>

namespace ecsim::detail {

namespace {

void service_message(World& w, std::uint32_t s, std::string text) {
  w.recorder.message(w.engine.now(), RecordType::service_event, s, std::move(text));
}

const std::string& service_name(const World& w, std::uint32_t s) { return w.services[s].spec->service_name; }

}  // namespace

void fail_deployment(World& w, std::uint32_t d, std::string_view reason, bool rollback) {
  const std::uint32_t s = w.deployments[d].service;
  {
    DeploymentRuntime& dep = w.deployments[d];
    dep.rollout = RolloutState::failed;
    dep.finished_at = w.engine.now();
    service_message(w, s, fmt::format("(service {}) (deployment {}) deployment failed: {}.", service_name(w, s),
                                      dep.id, reason));
  }
  // A blue/green deployment sends production traffic back to the original
  // and stops its script; its rollback goes to that original.
  int target = -1;
  if (w.deployments[d].blue_green >= 0) {
    target = static_cast<int>(w.blue_greens[static_cast<std::size_t>(w.deployments[d].blue_green)].blue);
    blue_green_deployment_failed(w, d);
  }
  ServiceRuntime& svc = w.services[s];
  if (!rollback) return;
  if (target < 0)
    for (std::uint32_t other : svc.deployments)
      if (other != d && w.deployments[other].rollout == RolloutState::completed) target = static_cast<int>(other);
  if (target < 0) return;  // nothing ever completed: stays FAILED
  w.deployments[d].rolled_back = true;
  service_message(w, s, fmt::format("(service {}) rolling back to deployment {}.", service_name(w, s),
                                    w.deployments[static_cast<std::size_t>(target)].id));
  const std::uint32_t back = add_deployment(w, s, w.deployments[static_cast<std::size_t>(target)].task_definition,
                                            /*listed=*/true);
  DeploymentRuntime& from = w.deployments[static_cast<std::size_t>(target)];
  DeploymentRuntime& to = w.deployments[back];
  to.starting = std::move(from.starting);
  to.healthy_by_zone = std::move(from.healthy_by_zone);
  to.healthy_count = std::exchange(from.healthy_count, 0);
  to.alive = std::exchange(from.alive, 0);
  to.running = std::exchange(from.running, 0);
  to.target_group = from.target_group;
  to.rollback = true;
  // The adopted tasks keep their capacity provider strategy entries.
  to.shares = from.shares;
  to.share_provider = from.share_provider;
  to.share_tasks = std::exchange(from.share_tasks, std::vector<int>(from.shares.size(), 0));
  from.starting.clear();
  from.healthy_by_zone.assign(to.healthy_by_zone.size(), {});
  for (TaskId t : svc.tasks)
    if (w.tasks.rows[index(t)].deployment == static_cast<std::uint32_t>(target)) w.tasks.rows[index(t)].deployment = back;
  request_reconcile(w, s);
}

}  // namespace ecsim::detail
