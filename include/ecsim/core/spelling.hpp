#pragma once
/// Did-you-mean suggestions for misspelt names (instance types, CLI options,
/// scenario keys), in the spirit of ninja's "did you mean 'all'?".
#include <algorithm>
#include <cctype>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ecsim::detail {

/// Edit distance where an insertion, deletion, substitution or swap of two
/// neighbouring characters costs 1 (optimal string alignment). ASCII case is
/// ignored: "DesiredCount" and "desiredCount" are 0 apart, since a case slip
/// is the likeliest typo of all.
inline std::size_t edit_distance(std::string_view a, std::string_view b) {
  auto fold = [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); };
  const std::size_t n = b.size();
  // Three rolling rows: the swap rule looks two rows back.
  std::vector<std::size_t> before(n + 1), prev(n + 1), cur(n + 1);
  for (std::size_t j = 0; j <= n; ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= n; ++j) {
      const bool same = fold(a[i - 1]) == fold(b[j - 1]);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (same ? 0 : 1)});
      if (i > 1 && j > 1 && fold(a[i - 1]) == fold(b[j - 2]) && fold(a[i - 2]) == fold(b[j - 1]))
        cur[j] = std::min(cur[j], before[j - 2] + 1);
    }
    std::swap(before, prev);
    std::swap(prev, cur);
  }
  return prev[n];
}

/// The candidate nearest to name when it is a plausible typo of it: at most 3
/// edits away and fewer edits than name has characters (so "x" suggests
/// nothing). Ties go to the earlier candidate, keeping messages deterministic.
inline std::optional<std::string_view> closest_match(std::string_view name,
                                                     std::span<const std::string_view> candidates) {
  constexpr std::size_t max_edits = 3;
  std::optional<std::string_view> best;
  std::size_t best_distance = max_edits + 1;
  for (std::string_view c : candidates) {
    const std::size_t d = edit_distance(name, c);
    if (d < best_distance && d < name.size()) {
      best = c;
      best_distance = d;
    }
  }
  return best;
}

/// closest_match over owned strings; the result views the chosen element.
inline std::optional<std::string_view> closest_match(std::string_view name,
                                                     std::span<const std::string> candidates) {
  std::vector<std::string_view> views(candidates.begin(), candidates.end());
  return closest_match(name, std::span<const std::string_view>(views));
}

}  // namespace ecsim::detail
