#pragma once
/// Shared pieces of the _ecsim extension module. The bindings are split over a
/// few translation units so they compile in parallel; each adds its part to
/// the module through one bind_* function.
#include <ecsim/io/scenario_loader.hpp>
#include <ecsim/model/scenario.hpp>

#include <pybind11/pybind11.h>

#include <string>
#include <vector>

namespace ecsim::detail {

/// A validated scenario on its way from the loader to a Simulation. Python's
/// ecsim.Scenario keeps the source text and overrides; this is the loaded form.
struct LoadedScenario {
  Scenario scenario;                 ///< defaults applied, validated
  std::vector<Diagnostic> warnings;  ///< what the loader reported but accepted
};

/// Exception classes and the C++ -> Python translator.
void bind_errors(pybind11::module_& m);
/// Loader, durations and task sizes.
void bind_scenario(pybind11::module_& m);
/// Fargate and EC2 quotes.
void bind_prices(pybind11::module_& m);
/// The simulation core and its numpy column views.
void bind_simulation(pybind11::module_& m);
/// The EC2 placement core: ecsim.Cluster.
void bind_placement(pybind11::module_& m);

}  // namespace ecsim::detail
