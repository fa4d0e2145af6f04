#include "scheduler/service_discovery.hpp"

#include "scheduler/service_scheduler.hpp"

#include <fmt/format.h>

namespace ecsim::detail {

namespace {

/// "arn:aws:servicediscovery:…:service/srv-abc" reads as "srv-abc".
std::string_view registry_name(const std::string& arn) {
  const auto slash = arn.rfind('/');
  return slash == std::string::npos ? std::string_view(arn) : std::string_view(arn).substr(slash + 1);
}

void record(World& w, TaskId t, const char* verb) {
  const std::size_t i = index(t);
  const std::uint32_t s = w.tasks.rows[i].service;
  const ServiceSpec& spec = *w.services[s].spec;
  for (const ServiceRegistry& r : spec.service_registries)
    w.recorder.message(w.engine.now(), RecordType::service_discovery, s,
                       fmt::format("(service {}) {} (task {}) in (service-registry {})", spec.service_name,
                                   verb, task_id_text(w, w.tasks.rows[i].serial), registry_name(r.registry_arn)),
                       w.tasks.rows[i].serial);
}

}  // namespace

void register_instances(World& w, TaskId t) { record(w, t, "registered"); }

void deregister_instances(World& w, TaskId t) { record(w, t, "deregistered"); }

}  // namespace ecsim::detail
