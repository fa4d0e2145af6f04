#pragma once
/// The run's output files (SCENARIO.md: summary.json, events.jsonl,
/// metrics.csv) and the terminal report. Each file is written to a temporary
/// name and renamed, so an interrupted run never leaves a truncated file that
/// looks complete.
#include <ecsim/run_summary.hpp>
#include <ecsim/simulation.hpp>

#include <filesystem>
#include <string>

namespace ecsim {

/// summary.json text (stable key order, two-space indent, trailing newline).
std::string summary_json(const RunSummary& summary);
/// events.jsonl text: one JSON object per record, in time order.
std::string events_jsonl(const Simulation& sim);
/// metrics.csv text: header, then one row per service per metricsInterval.
std::string metrics_csv(const Simulation& sim);
/// The report a platform engineer reads first. `colour` adds ANSI emphasis
/// (for a terminal only): bold headings, rollout outcomes in green or red.
std::string report_text(const Simulation& sim, const RunSummary& summary, bool colour = false);

/// Writes the three files into `dir` (created if missing). Throws Error
/// naming the path when the file system refuses.
void write_outputs(const Simulation& sim, const RunSummary& summary, const std::filesystem::path& dir);

/// Writes `text` to `path` through a temporary file and a rename.
void write_file_atomically(const std::filesystem::path& path, const std::string& text);

}  // namespace ecsim
