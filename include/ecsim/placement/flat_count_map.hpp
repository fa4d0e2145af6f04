#pragma once
/// detail::FlatCountMap: 64-bit key -> 32-bit count, open addressing with
/// linear probing and backward-shift deletion (no tombstones). Placement keeps
/// per-(group, instance) and per-(group, attribute value) task counts in it:
/// two flat arrays, no node per entry, so counting a task never allocates
/// except when the table doubles (amortised; reserve() avoids even that).
/// Invalidation: nothing hands out references, so nothing is invalidated.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "ecsim/core/assert.hpp"

namespace ecsim::detail {

/// Counts keyed by a 64-bit key; a count that drops to zero removes its key.
class FlatCountMap {
 public:
  /// The key no caller may use (it marks empty slots).
  static constexpr std::uint64_t empty_key = ~std::uint64_t{0};

  FlatCountMap() { rehash(16); }

  /// The count of key, 0 when absent.
  std::uint32_t get(std::uint64_t key) const noexcept {
    std::size_t i = slot(key);
    while (true) {
      const std::uint64_t k = keys_[i];
      if (k == key) return counts_[i];
      if (k == empty_key) return 0;
      i = (i + 1) & mask_;
    }
  }

  /// Adds one to key's count.
  void increment(std::uint64_t key) {
    ECSIM_ASSERT(key != empty_key, "the empty key cannot be counted");
    if ((size_ + 1) * 2 > keys_.size()) rehash(keys_.size() * 2);
    std::size_t i = slot(key);
    while (keys_[i] != empty_key) {
      if (keys_[i] == key) {
        ++counts_[i];
        return;
      }
      i = (i + 1) & mask_;
    }
    keys_[i] = key;
    counts_[i] = 1;
    ++size_;
  }

  /// Takes one from key's count, removing the key at zero. Decrementing an
  /// absent key is a bug.
  void decrement(std::uint64_t key) noexcept {
    std::size_t i = slot(key);
    while (keys_[i] != key) {
      ECSIM_ASSERT(keys_[i] != empty_key, "decrement of a key that is not counted");
      if (keys_[i] == empty_key) return;
      i = (i + 1) & mask_;
    }
    if (--counts_[i] != 0) return;
    // Backward-shift deletion keeps every probe chain unbroken without tombstones.
    std::size_t hole = i;
    std::size_t j = i;
    while (true) {
      j = (j + 1) & mask_;
      if (keys_[j] == empty_key) break;
      const std::size_t home = slot(keys_[j]);
      // Move j into the hole unless its home lies cyclically in (hole, j].
      const bool stays = hole <= j ? (hole < home && home <= j) : (hole < home || home <= j);
      if (!stays) {
        keys_[hole] = keys_[j];
        counts_[hole] = counts_[j];
        hole = j;
      }
    }
    keys_[hole] = empty_key;
    --size_;
  }

  /// Drops every key.
  void clear() noexcept {
    for (auto& k : keys_) k = empty_key;
    size_ = 0;
  }

  /// Makes room for n keys without growing.
  void reserve(std::size_t n) {
    std::size_t want = 16;
    while (want < n * 2) want *= 2;
    if (want > keys_.size()) rehash(want);
  }

  /// Number of keys with a non-zero count.
  std::size_t size() const noexcept { return size_; }

  /// Bytes held by the table.
  std::size_t memory_bytes() const noexcept {
    return keys_.capacity() * sizeof(std::uint64_t) + counts_.capacity() * sizeof(std::uint32_t);
  }

 private:
  std::size_t slot(std::uint64_t key) const noexcept {
    // Fibonacci hashing spreads keys that differ only in low bits.
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> shift_) & mask_;
  }

  void rehash(std::size_t capacity) {
    std::vector<std::uint64_t> old_keys(capacity, empty_key);
    std::vector<std::uint32_t> old_counts(capacity, 0);
    old_keys.swap(keys_);
    old_counts.swap(counts_);
    mask_ = capacity - 1;
    shift_ = 64;
    for (std::size_t c = capacity; c > 1; c >>= 1) --shift_;
    size_ = 0;
    for (std::size_t i = 0; i < old_keys.size(); ++i) {
      if (old_keys[i] == empty_key) continue;
      std::size_t j = slot(old_keys[i]);
      while (keys_[j] != empty_key) j = (j + 1) & mask_;
      keys_[j] = old_keys[i];
      counts_[j] = old_counts[i];
      ++size_;
    }
  }

  std::vector<std::uint64_t> keys_;
  std::vector<std::uint32_t> counts_;
  std::size_t size_ = 0;
  std::size_t mask_ = 0;
  unsigned shift_ = 64;
};

}  // namespace ecsim::detail
