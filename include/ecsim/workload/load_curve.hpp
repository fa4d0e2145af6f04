#pragma once
/// The value of a workload's load model at a moment of virtual time.
#include <ecsim/core/time.hpp>
#include <ecsim/model/workload_spec.hpp>

namespace ecsim {

/// constant: the value; steps: the last point at or before t (0 before the
/// first); csv: linear interpolation between rows, held flat outside them;
/// diurnal: min + (max − min) × (1 + cos(2π (t − peakAt) / 24 h)) / 2, with
/// the simulation starting at midnight (so peakAt "14:00" peaks 14 h in).
double load_at(const LoadModel& model, SimTime t) noexcept;

}  // namespace ecsim
