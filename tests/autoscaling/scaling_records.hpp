#pragma once
// The scaling records of a run (Service Auto Scaling's activities), as the
// auto scaling tests read them: when, and the activity's text.
#include <ecsim/simulation.hpp>

#include <string>
#include <vector>

namespace ecsim::test {

struct Scaling {
  double at;
  std::string message;
};

inline std::vector<Scaling> scalings(const Simulation& sim) {
  std::vector<Scaling> out;
  for (const Record& r : sim.recorder().records())
    if (r.type == RecordType::scaling) out.push_back({to_seconds(r.at), std::string(sim.recorder().text(r))});
  return out;
}

inline bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace ecsim::test
