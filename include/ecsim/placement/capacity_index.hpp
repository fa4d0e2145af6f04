#pragma once
/// CapacityIndex: the placement core's index over instances' remaining
/// capacity, so choosing an instance costs O(log n), not a scan.
///
/// A B+tree keyed by (primary remaining resource, instance id) — memory for
/// binpack(memory), cpu for binpack(cpu), nothing for "lowest id" — whose
/// inner nodes keep, per child, the max of every other resource (cpu, memory,
/// GPUs, free ENIs) and the OR of the attribute-class bits below it.
/// "The least remaining memory that still fits cpu, memory, GPUs and ENIs,
/// in these classes" is then one descent: start at key (need, 0), skip
/// subtrees whose maxima cannot fit, stop at the first entry that fits and
/// passes the caller's predicate (ports, constraints). Ties on the primary
/// resource go to the lowest instance id because the id is the key's low half.
///
/// Deletion never merges siblings (an empty node is unlinked), so the depth
/// is bounded by the largest size ever held; a node split allocates, nothing
/// else does. Invalidation: no references are handed out. first_fit() notes
/// where it found its answer so the update that follows a placement skips
/// the leaf scan; that note is the only state a const call changes, so one
/// index must not be searched from two threads at once.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

#include "ecsim/core/assert.hpp"

namespace ecsim {

/// Remaining (or needed) resources of one instance, as the index compares them.
struct Capacity {
  std::int32_t cpu = 0;         ///< CPU units
  std::int32_t memory_mib = 0;  ///< MiB
  std::int32_t gpus = 0;
  std::int32_t enis = 0;        ///< free awsvpc task ENIs

  friend bool operator==(const Capacity&, const Capacity&) = default;
};

/// Which resource orders an index (the binpack field, or none).
enum class CapacityOrder : std::uint8_t { memory, cpu, id };

/// B+tree over instances ordered by one remaining resource; see file comment.
class CapacityIndex {
 public:
  /// first_fit()'s answer when nothing qualifies.
  static constexpr std::uint32_t not_found = 0xFFFFFFFFu;

  /// shared_leaf_of, when given, is an instance -> leaf table shared by
  /// indexes that partition one set of instances (one index per attribute
  /// class): each instance is in at most one of them, so one table serves
  /// all, instead of one full-size table per index. It must outlive the index.
  explicit CapacityIndex(CapacityOrder order, std::vector<std::uint32_t>* shared_leaf_of = nullptr)
      : order_(order), shared_leaf_of_(shared_leaf_of) {
    clear();
  }

  /// The resource this index orders by.
  CapacityOrder order() const noexcept { return order_; }

  /// Drops every entry.
  void clear() {
    leaves_.clear();
    inners_.clear();
    free_leaves_.clear();
    free_inners_.clear();
    if (shared_leaf_of_ == nullptr) own_leaf_of_.clear();
    root_ = alloc_leaf();
    height_ = 0;
    size_ = 0;
    gpu_holders_ = eni_holders_ = 0;
  }

  /// Adds an instance that is not in the index; class_bit (0-63) is its
  /// attribute class's bit in the masks first_fit() filters on.
  void insert(std::uint32_t instance, const Capacity& c, std::uint8_t class_bit) {
    std::vector<std::uint32_t>& leaf_of = leaf_table();
    if (instance >= leaf_of.size()) leaf_of.resize(instance + 1, none);
    ECSIM_ASSERT(leaf_of[instance] == none, "instance already indexed");
    const std::uint64_t k = key(instance, c);
    std::uint32_t leaf = descend(k);
    Leaf* l = &leaves_[leaf];
    bool split = false;
    if (l->n == leaf_size) {
      const std::uint32_t right = split_leaf(leaf, lower_bound(*l, k));
      split = true;
      l = &leaves_[leaf];
      if (k > l->key[l->n - 1]) leaf = right;
    }
    Leaf& target = leaves_[leaf];
    const std::uint32_t pos = lower_bound(target, k);
    shift_right(target, pos);
    set_entry(target, pos, k, c, class_bit);
    ++target.n;
    leaf_of[instance] = leaf;
    ++size_;
    count_holders(target.gpu[pos], target.eni[pos], 1);
    if (split) {
      refresh_up(leaf, true);
    } else {
      // An insert only raises maxima: no rescans on the way up.
      const Summary none_before{};
      const Summary added{k, target.cpu[pos], target.mem[pos], target.gpu[pos], target.eni[pos], 0};
      refresh_changed(leaf, none_before, added, std::uint64_t{1} << class_bit);
    }
  }

  /// Removes an indexed instance.
  void erase(std::uint32_t instance) noexcept {
    ECSIM_ASSERT(contains(instance), "erase of an instance not indexed");
    const std::uint32_t leaf = leaf_table()[instance];
    Leaf& l = leaves_[leaf];
    const std::uint32_t pos = locate(leaf, instance);
    const Summary removed{l.key[pos], l.cpu[pos], l.mem[pos], l.gpu[pos], l.eni[pos], 0};
    count_holders(l.gpu[pos], l.eni[pos], -1);
    shift_left(l, pos);
    --l.n;
    leaf_table()[instance] = none;
    --size_;
    if (l.n == 0 && height_ > 0) {
      unlink_leaf(leaf);
    } else {
      // Masks are pruning hints, so they may keep a class bit that left (a
      // superset stays correct); the next structural refresh tightens them.
      refresh_changed(leaf, removed, Summary{}, 0);
    }
  }

  /// Changes an indexed instance's capacity; moves it inside its leaf when
  /// the new key still belongs there (the common case), else erase + insert.
  void update(std::uint32_t instance, const Capacity& c) {
    ECSIM_ASSERT(contains(instance), "update of an instance not indexed");
    const std::uint32_t leaf = leaf_table()[instance];
    Leaf& l = leaves_[leaf];
    std::uint32_t pos = locate(leaf, instance);
    const std::uint64_t old_key = l.key[pos];
    const std::uint64_t new_key = key(instance, c);
    if (!stays_in_leaf(l, pos, old_key, new_key)) {
      const std::uint8_t bit = l.class_bit[pos];
      erase(instance);
      insert(instance, c, bit);
      return;
    }
    const Summary before{old_key, l.cpu[pos], l.mem[pos], l.gpu[pos], l.eni[pos], 0};
    const std::uint8_t bit = l.class_bit[pos];
    const std::uint32_t n = l.n;
    if (new_key < old_key) {
      std::uint32_t to = pos;
      while (to > 0 && l.key[to - 1] > new_key) --to;
      for (std::uint32_t i = pos; i > to; --i) copy_entry(l, i, l, i - 1);
      pos = to;
    } else if (new_key > old_key) {
      std::uint32_t to = pos;
      while (to + 1 < n && l.key[to + 1] < new_key) ++to;
      for (std::uint32_t i = pos; i < to; ++i) copy_entry(l, i, l, i + 1);
      pos = to;
    }
    set_entry(l, pos, new_key, c, bit);
    count_holders(before.gpu, before.eni, -1);
    count_holders(l.gpu[pos], l.eni[pos], 1);
    const Summary after{new_key, l.cpu[pos], l.mem[pos], l.gpu[pos], l.eni[pos], 0};
    refresh_changed(leaf, before, after, 0);
  }

  /// True when instance is in the index.
  bool contains(std::uint32_t instance) const noexcept {
    const std::vector<std::uint32_t>& leaf_of = leaf_table();
    return instance < leaf_of.size() && leaf_of[instance] != none &&
           (shared_leaf_of_ == nullptr || leaf_in_use(leaf_of[instance], instance));
  }

  /// Number of indexed instances.
  std::uint32_t size() const noexcept { return size_; }

  /// The order key of an instance with capacity c: results of several
  /// indexes of one order compare by it (smaller is the better binpack fit).
  std::uint64_t order_key(std::uint32_t instance, const Capacity& c) const noexcept { return key(instance, c); }

  /// The first instance in key order whose primary resource is >= need's,
  /// every other resource >= need's, whose class bit is in class_mask and for
  /// which pred(instance) holds; not_found if none. For CapacityOrder::memory
  /// that is binpack(memory): the least remaining memory that fits, lowest id first.
  template <class Pred>
  std::uint32_t first_fit(const Capacity& need, std::uint64_t class_mask, Pred&& pred) const {
    const std::uint64_t lo = key_floor(need);
    if (height_ == 0) return search_leaf(root_, lo, need, class_mask, pred);
    return search_inner(root_, lo, need, class_mask, pred);
  }

  /// Bytes held by the tree.
  std::size_t memory_bytes() const noexcept {
    return leaves_.capacity() * sizeof(Leaf) + inners_.capacity() * sizeof(Inner) +
           own_leaf_of_.capacity() * sizeof(std::uint32_t);
  }

  /// Checks ordering, parent links and every aggregate (tests only; O(n)).
  bool valid() const {
    std::uint64_t last = 0;
    bool first = true;
    std::uint32_t count = 0;
    return check(root_, height_, last, first, count) && count == size_;
  }

 private:
  // Small leaves keep the rescans after an update short; wide inner nodes keep the tree shallow.
  static constexpr std::uint32_t leaf_size = 32;
  static constexpr std::uint32_t inner_size = 64;
  static constexpr std::uint32_t none = 0xFFFFFFFFu;
  // Key of an unused slot: above every real key (whose low half is an instance id < none).
  static constexpr std::uint64_t unused_key = ~std::uint64_t{0};

  struct Summary {
    std::uint64_t max_key = 0;
    std::int32_t cpu = -1, mem = -1;
    std::int16_t gpu = -1, eni = -1;
    std::uint64_t mask = 0;
    friend bool operator==(const Summary&, const Summary&) = default;
  };

  // Entries as parallel arrays so the search loop reads only what it compares.
  // Unused slots hold -1 in the resource arrays, so maxima are taken over the
  // whole fixed-size array (a loop the compiler vectorises).
  struct Leaf {
    std::uint64_t key[leaf_size];
    std::int32_t cpu[leaf_size];
    std::int32_t mem[leaf_size];
    std::int16_t gpu[leaf_size];
    std::int16_t eni[leaf_size];
    std::uint8_t class_bit[leaf_size];
    std::uint32_t n = 0;
    std::uint32_t parent = none;
    std::uint32_t slot = 0;  // index in the parent's child arrays

    void reset() noexcept {
      n = 0;
      parent = none;
      slot = 0;
      for (std::uint32_t j = 0; j < leaf_size; ++j) clear(j);
    }
    void clear(std::uint32_t j) noexcept {
      key[j] = unused_key;
      cpu[j] = mem[j] = -1;
      gpu[j] = eni[j] = -1;
      class_bit[j] = 0;
    }
  };

  struct Inner {
    std::uint64_t max_key[inner_size];
    std::int32_t cpu[inner_size];
    std::int32_t mem[inner_size];
    std::int16_t gpu[inner_size];
    std::int16_t eni[inner_size];
    std::uint64_t mask[inner_size];
    std::uint32_t child[inner_size];
    std::uint32_t n = 0;
    std::uint32_t parent = none;
    std::uint32_t slot = 0;
    std::uint32_t level = 1;  // 1: children are leaves

    void reset(std::uint32_t lvl) noexcept {
      n = 0;
      parent = none;
      slot = 0;
      level = lvl;
      for (std::uint32_t j = 0; j < inner_size; ++j) clear(j);
    }
    void clear(std::uint32_t j) noexcept {
      max_key[j] = unused_key;
      cpu[j] = mem[j] = -1;
      gpu[j] = eni[j] = -1;
      mask[j] = 0;
      child[j] = none;
    }
  };

  std::vector<std::uint32_t>& leaf_table() noexcept { return shared_leaf_of_ ? *shared_leaf_of_ : own_leaf_of_; }
  const std::vector<std::uint32_t>& leaf_table() const noexcept {
    return shared_leaf_of_ ? *shared_leaf_of_ : own_leaf_of_;
  }

  // With a shared table a leaf id may belong to another index: look inside.
  bool leaf_in_use(std::uint32_t leaf, std::uint32_t instance) const noexcept {
    if (leaf >= leaves_.size()) return false;
    const Leaf& l = leaves_[leaf];
    for (std::uint32_t j = 0; j < l.n; ++j)
      if (static_cast<std::uint32_t>(l.key[j]) == instance) return true;
    return false;
  }

  std::uint64_t key(std::uint32_t instance, const Capacity& c) const noexcept {
    ECSIM_ASSERT(c.cpu >= 0 && c.memory_mib >= 0, "remaining capacity went negative");
    switch (order_) {
      case CapacityOrder::memory: return (std::uint64_t(std::uint32_t(c.memory_mib)) << 32) | instance;
      case CapacityOrder::cpu: return (std::uint64_t(std::uint32_t(c.cpu)) << 32) | instance;
      case CapacityOrder::id: return instance;
    }
    return instance;
  }

  std::uint64_t key_floor(const Capacity& need) const noexcept {
    switch (order_) {
      case CapacityOrder::memory: return std::uint64_t(std::uint32_t(std::max(need.memory_mib, 0))) << 32;
      case CapacityOrder::cpu: return std::uint64_t(std::uint32_t(std::max(need.cpu, 0))) << 32;
      case CapacityOrder::id: return 0;
    }
    return 0;
  }

  static bool fits(std::int32_t cpu, std::int32_t mem, std::int32_t gpu, std::int32_t eni,
                   const Capacity& need) noexcept {
    return cpu >= need.cpu && mem >= need.memory_mib && gpu >= need.gpus && eni >= need.enis;
  }

  template <class Pred>
  std::uint32_t search_leaf(std::uint32_t id, std::uint64_t lo, const Capacity& need, std::uint64_t mask,
                            Pred& pred) const {
    const Leaf& l = leaves_[id];
    for (std::uint32_t j = lower_bound(l, lo); j < l.n; ++j) {
      if (!fits(l.cpu[j], l.mem[j], l.gpu[j], l.eni[j], need)) continue;
      if (((mask >> l.class_bit[j]) & 1U) == 0) continue;
      const auto instance = static_cast<std::uint32_t>(l.key[j]);
      if (pred(instance)) {
        hint_leaf_ = id;
        hint_pos_ = j;
        return instance;
      }
    }
    return not_found;
  }

  template <class Pred>
  std::uint32_t search_inner(std::uint32_t id, std::uint64_t lo, const Capacity& need, std::uint64_t mask,
                             Pred& pred) const {
    const Inner& p = inners_[id];
    for (std::uint32_t j = first_not_below(p.max_key, lo); j < p.n; ++j) {
      if (!fits(p.cpu[j], p.mem[j], p.gpu[j], p.eni[j], need) || (p.mask[j] & mask) == 0) continue;
      const std::uint32_t r = p.level == 1 ? search_leaf(p.child[j], lo, need, mask, pred)
                                           : search_inner(p.child[j], lo, need, mask, pred);
      if (r != not_found) return r;
    }
    return not_found;
  }

  static std::uint32_t lower_bound(const Leaf& l, std::uint64_t k) noexcept { return first_not_below(l.key, k); }

  // Index of the first key that is >= k (n, the used count, if none). Unused
  // slots hold unused_key, above every real key, so the search runs over the
  // whole fixed-size array: a fixed number of branch-free halvings that the
  // compiler unrolls into conditional moves (the branch predictor cannot
  // guess these comparisons).
  template <std::size_t N>
  static std::uint32_t first_not_below(const std::uint64_t (&keys)[N], std::uint64_t k) noexcept {
    static_assert((N & (N - 1)) == 0, "node sizes are powers of two");
    std::uint32_t base = 0;
    for (std::uint32_t half = N / 2; half > 0; half /= 2) base = keys[base + half - 1] < k ? base + half : base;
    return base + (keys[base] < k ? 1U : 0U);
  }

  void count_holders(std::int16_t gpu, std::int16_t eni, int delta) noexcept {
    gpu_holders_ += static_cast<std::uint32_t>(gpu > 0 ? delta : 0);
    eni_holders_ += static_cast<std::uint32_t>(eni > 0 ? delta : 0);
  }

  // The slot of an instance in its leaf. The search that chose an instance
  // left its position behind, so the update right after a placement skips the
  // scan of the leaf (the search and the update share the descent).
  std::uint32_t locate(std::uint32_t leaf, std::uint32_t instance) const noexcept {
    const Leaf& l = leaves_[leaf];
    if (hint_leaf_ == leaf && hint_pos_ < l.n && static_cast<std::uint32_t>(l.key[hint_pos_]) == instance)
      return hint_pos_;
    return find(l, instance);
  }

  static std::uint32_t find(const Leaf& l, std::uint32_t instance) noexcept {
    for (std::uint32_t j = 0; j < l.n; ++j)
      if (static_cast<std::uint32_t>(l.key[j]) == instance) return j;
    ECSIM_ASSERT(false, "instance missing from its leaf");
    return 0;
  }

  static void copy_entry(Leaf& to, std::uint32_t i, const Leaf& from, std::uint32_t j) noexcept {
    to.key[i] = from.key[j];
    to.cpu[i] = from.cpu[j];
    to.mem[i] = from.mem[j];
    to.gpu[i] = from.gpu[j];
    to.eni[i] = from.eni[j];
    to.class_bit[i] = from.class_bit[j];
  }

  static void set_entry(Leaf& l, std::uint32_t i, std::uint64_t k, const Capacity& c, std::uint8_t bit) noexcept {
    l.key[i] = k;
    l.cpu[i] = c.cpu;
    l.mem[i] = c.memory_mib;
    l.gpu[i] = static_cast<std::int16_t>(std::min<std::int32_t>(c.gpus, 32767));
    l.eni[i] = static_cast<std::int16_t>(std::min<std::int32_t>(c.enis, 32767));
    l.class_bit[i] = bit;
  }

  // Moves entries [from, from + count) of every column to start at `to`.
  static void move_entries(Leaf& l, std::uint32_t to, std::uint32_t from, std::uint32_t count) noexcept {
    std::memmove(l.key + to, l.key + from, count * sizeof(l.key[0]));
    std::memmove(l.cpu + to, l.cpu + from, count * sizeof(l.cpu[0]));
    std::memmove(l.mem + to, l.mem + from, count * sizeof(l.mem[0]));
    std::memmove(l.gpu + to, l.gpu + from, count * sizeof(l.gpu[0]));
    std::memmove(l.eni + to, l.eni + from, count * sizeof(l.eni[0]));
    std::memmove(l.class_bit + to, l.class_bit + from, count * sizeof(l.class_bit[0]));
  }

  static void shift_right(Leaf& l, std::uint32_t pos) noexcept {
    if (pos < l.n) move_entries(l, pos + 1, pos, l.n - pos);
  }

  static void shift_left(Leaf& l, std::uint32_t pos) noexcept {
    if (pos + 1 < l.n) move_entries(l, pos, pos + 1, l.n - pos - 1);
    l.clear(l.n - 1);
  }

  static Summary summarize(const Leaf& l) noexcept {
    Summary s;
    if (l.n == 0) return s;
    s.max_key = l.key[l.n - 1];
    s.cpu = max_of(l.cpu);
    s.mem = max_of(l.mem);
    s.gpu = max_of(l.gpu);
    s.eni = max_of(l.eni);
    for (std::uint32_t j = 0; j < l.n; ++j) s.mask |= std::uint64_t{1} << l.class_bit[j];
    return s;
  }

  static Summary summarize(const Inner& p) noexcept {
    Summary s;
    if (p.n == 0) return s;
    s.max_key = p.max_key[p.n - 1];
    s.cpu = max_of(p.cpu);
    s.mem = max_of(p.mem);
    s.gpu = max_of(p.gpu);
    s.eni = max_of(p.eni);
    for (std::uint32_t j = 0; j < p.n; ++j) s.mask |= p.mask[j];
    return s;
  }

  static Summary slot_summary(const Inner& p, std::uint32_t j) noexcept {
    return Summary{p.max_key[j], p.cpu[j], p.mem[j], p.gpu[j], p.eni[j], p.mask[j]};
  }

  static void write_slot(Inner& p, std::uint32_t j, const Summary& s) noexcept {
    p.max_key[j] = s.max_key;
    p.cpu[j] = s.cpu;
    p.mem[j] = s.mem;
    p.gpu[j] = s.gpu;
    p.eni[j] = s.eni;
    p.mask[j] = s.mask;
  }

  static void copy_slot(Inner& to, std::uint32_t i, const Inner& from, std::uint32_t j) noexcept {
    to.max_key[i] = from.max_key[j];
    to.cpu[i] = from.cpu[j];
    to.mem[i] = from.mem[j];
    to.gpu[i] = from.gpu[j];
    to.eni[i] = from.eni[j];
    to.mask[i] = from.mask[j];
    to.child[i] = from.child[j];
  }

  // True when an entry's new key keeps the B+tree order without leaving its
  // leaf: above every key to its left (this leaf's, or the left sibling's
  // maximum) and below every key to its right (this leaf's, or the right
  // sibling's minimum).
  bool stays_in_leaf(const Leaf& l, std::uint32_t pos, std::uint64_t old_key, std::uint64_t new_key) const noexcept {
    if (new_key < old_key) {
      if (pos > 0 && l.key[pos - 1] < new_key) return true;  // still right of its left neighbour
      if (pos > 0) return l.key[0] < new_key;
      if (height_ == 0) return true;
      const Inner& p = inners_[l.parent];
      return l.slot > 0 && p.max_key[l.slot - 1] < new_key;
    }
    if (new_key > old_key) {
      if (pos + 1 < l.n) return l.key[l.n - 1] > new_key;
      if (height_ == 0) return true;
      const Inner& p = inners_[l.parent];
      return l.slot + 1 < p.n && leaves_[p.child[l.slot + 1]].key[0] > new_key;
    }
    return true;
  }

  // The new max of one field after one of its values went from `was` to
  // `now`: only a decrease of the current maximum needs a rescan.
  template <class T, class Rescan>
  static T new_max(T current, T was, T now, Rescan&& rescan) noexcept {
    if (now >= current) return now;
    if (was == current) return rescan();
    return current;
  }

  // A non-empty node's maxima after one value below it went before -> after;
  // s.max_key is already current. Rescans are skipped where the answer is
  // known: the ordering resource's maximum is the top of the max key, and
  // while no entry holds a GPU (or a free ENI) every such maximum is 0.
  template <class Node>
  void update_maxima(Summary& s, const Summary& old, const Summary& before, const Summary& after,
                     const Node& node) const noexcept {
    if (order_ == CapacityOrder::cpu) s.cpu = static_cast<std::int32_t>(s.max_key >> 32);
    else s.cpu = new_max(old.cpu, before.cpu, after.cpu, [&] { return max_of(node.cpu); });
    if (order_ == CapacityOrder::memory) s.mem = static_cast<std::int32_t>(s.max_key >> 32);
    else s.mem = new_max(old.mem, before.mem, after.mem, [&] { return max_of(node.mem); });
    s.gpu = new_max(old.gpu, before.gpu, after.gpu,
                    [&] { return gpu_holders_ == 0 ? std::int16_t{0} : max_of(node.gpu); });
    s.eni = new_max(old.eni, before.eni, after.eni,
                    [&] { return eni_holders_ == 0 ? std::int16_t{0} : max_of(node.eni); });
  }

  // Propagates one entry's change (before -> after; masks unchanged) toward
  // the root, rescanning a node only where its maximum went down, and stopping
  // at the first ancestor whose summary did not change.
  void refresh_changed(std::uint32_t leaf, Summary before, Summary after, std::uint64_t add_mask) noexcept {
    if (height_ == 0) return;
    const Leaf& l = leaves_[leaf];
    std::uint32_t parent = l.parent;
    std::uint32_t slot = l.slot;
    {
      Inner& p = inners_[parent];
      const Summary old = slot_summary(p, slot);
      Summary s = old;
      s.max_key = l.key[l.n - 1];
      update_maxima(s, old, before, after, l);
      s.mask |= add_mask;
      if (s == old) return;
      write_slot(p, slot, s);
      before = old;
      after = s;
      slot = p.slot;
      parent = p.parent;
    }
    while (parent != none) {
      Inner& p = inners_[parent];
      const Inner& child = inners_[p.child[slot]];
      const Summary old = slot_summary(p, slot);
      Summary s = old;
      s.max_key = child.max_key[child.n - 1];
      update_maxima(s, old, before, after, child);
      s.mask |= add_mask;
      if (s == old) return;
      write_slot(p, slot, s);
      before = old;
      after = s;
      slot = p.slot;
      parent = p.parent;
    }
  }

  template <class T, std::size_t N>
  static T max_of(const T (&v)[N]) noexcept {
    T m = -1;
    for (std::size_t j = 0; j < N; ++j) m = v[j] > m ? v[j] : m;
    return m;
  }

  // Pushes a leaf's new summary toward the root; stops where nothing changed
  // unless a split or unlink changed the shape (then the whole path).
  void refresh_up(std::uint32_t leaf, bool whole_path) noexcept {
    const Leaf& l = leaves_[leaf];
    if (height_ == 0) return;
    Summary s = summarize(l);
    std::uint32_t parent = l.parent;
    std::uint32_t slot = l.slot;
    while (parent != none) {
      Inner& p = inners_[parent];
      if (!whole_path && slot_summary(p, slot) == s) return;
      write_slot(p, slot, s);
      s = summarize(p);
      slot = p.slot;
      parent = p.parent;
    }
  }

  void refresh_inner_up(std::uint32_t inner) noexcept {
    Summary s = summarize(inners_[inner]);
    std::uint32_t parent = inners_[inner].parent;
    std::uint32_t slot = inners_[inner].slot;
    while (parent != none) {
      Inner& p = inners_[parent];
      write_slot(p, slot, s);
      s = summarize(p);
      slot = p.slot;
      parent = p.parent;
    }
  }

  std::uint32_t descend(std::uint64_t k) const noexcept {
    std::uint32_t id = root_;
    for (std::uint32_t h = height_; h > 0; --h) {
      const Inner& p = inners_[id];
      // First child whose max key is >= k, else the last child.
      id = p.child[std::min(first_not_below(p.max_key, k), p.n - 1)];
    }
    return id;
  }

  std::uint32_t alloc_leaf() {
    if (!free_leaves_.empty()) {
      const std::uint32_t id = free_leaves_.back();
      free_leaves_.pop_back();
      leaves_[id].reset();
      return id;
    }
    leaves_.emplace_back();
    leaves_.back().reset();
    return static_cast<std::uint32_t>(leaves_.size() - 1);
  }

  std::uint32_t alloc_inner(std::uint32_t level) {
    std::uint32_t id;
    if (!free_inners_.empty()) {
      id = free_inners_.back();
      free_inners_.pop_back();
    } else {
      inners_.emplace_back();
      id = static_cast<std::uint32_t>(inners_.size() - 1);
    }
    inners_[id].reset(level);
    return id;
  }

  void set_parent(std::uint32_t child, std::uint32_t level, std::uint32_t parent, std::uint32_t slot) noexcept {
    if (level == 1) {
      leaves_[child].parent = parent;
      leaves_[child].slot = slot;
    } else {
      inners_[child].parent = parent;
      inners_[child].slot = slot;
    }
  }

  // Makes a new root over two nodes of the old top level.
  void grow_root(std::uint32_t left, std::uint32_t right, const Summary& ls, const Summary& rs) {
    const std::uint32_t root = alloc_inner(height_ + 1);
    Inner& r = inners_[root];
    r.n = 2;
    r.child[0] = left;
    r.child[1] = right;
    write_slot(r, 0, ls);
    write_slot(r, 1, rs);
    set_parent(left, r.level, root, 0);
    set_parent(right, r.level, root, 1);
    root_ = root;
    ++height_;
  }

  // Puts child (of the given level) at slot `at` of parent, splitting the parent when full.
  void insert_child(std::uint32_t parent, std::uint32_t at, std::uint32_t child, const Summary& s) {
    if (inners_[parent].n == inner_size) {
      const std::uint32_t right = split_inner(parent, at);
      const std::uint32_t left_n = inners_[parent].n;
      if (at > left_n) {
        parent = right;
        at -= left_n;
      }
    }
    Inner& p = inners_[parent];
    for (std::uint32_t i = p.n; i > at; --i) {
      copy_slot(p, i, p, i - 1);
      set_parent(p.child[i], p.level, parent, i);
    }
    write_slot(p, at, s);
    p.child[at] = child;
    ++p.n;
    set_parent(child, p.level, parent, at);
    refresh_inner_up(parent);  // a split above may have summarised this node before the insert
  }

  // How many of a full node's n entries stay left when it splits for an
  // insert at position pos: half, unless the insert is in the upper half, then
  // everything before it. Runs of ascending keys (instances registered in id
  // order) then leave nodes nearly full instead of half full: fewer levels and
  // fewer cache lines for every later search. Both sides keep one entry at least.
  static std::uint32_t split_point(std::uint32_t n, std::uint32_t pos) noexcept {
    return pos >= n / 2 ? std::min(pos, n - 1) : n / 2;
  }

  // Splits a full leaf for an insert at position pos; returns the new right leaf.
  std::uint32_t split_leaf(std::uint32_t leaf, std::uint32_t pos) {
    const std::uint32_t right = alloc_leaf();  // may move leaves_
    Leaf& l = leaves_[leaf];
    Leaf& r = leaves_[right];
    const std::uint32_t half = split_point(l.n, pos);
    for (std::uint32_t i = half; i < l.n; ++i) {
      copy_entry(r, i - half, l, i);
      leaf_table()[static_cast<std::uint32_t>(l.key[i])] = right;
      l.clear(i);
    }
    r.n = l.n - half;
    l.n = half;
    const Summary ls = summarize(l);
    const Summary rs = summarize(r);
    if (height_ == 0) {
      grow_root(leaf, right, ls, rs);
      return right;
    }
    const std::uint32_t parent = l.parent;
    const std::uint32_t slot = l.slot;
    write_slot(inners_[parent], slot, ls);
    insert_child(parent, slot + 1, right, rs);
    return right;
  }

  // Splits a full inner node for a child inserted at slot pos (see split_point).
  std::uint32_t split_inner(std::uint32_t inner, std::uint32_t pos) {
    const std::uint32_t right = alloc_inner(inners_[inner].level);
    Inner& p = inners_[inner];
    Inner& q = inners_[right];
    const std::uint32_t half = split_point(p.n, pos);
    for (std::uint32_t i = half; i < p.n; ++i) {
      copy_slot(q, i - half, p, i);
      set_parent(q.child[i - half], q.level, right, i - half);
      p.clear(i);
    }
    q.n = p.n - half;
    p.n = half;
    const Summary ps = summarize(p);
    const Summary qs = summarize(q);
    if (p.parent == none) {
      grow_root(inner, right, ps, qs);
      return right;
    }
    const std::uint32_t parent = p.parent;
    const std::uint32_t slot = p.slot;
    write_slot(inners_[parent], slot, ps);
    insert_child(parent, slot + 1, right, qs);
    return right;
  }

  // Removes slot j of parent; an emptied non-root parent is unlinked in turn.
  void remove_child(std::uint32_t parent, std::uint32_t j) noexcept {
    Inner& p = inners_[parent];
    for (std::uint32_t i = j; i + 1 < p.n; ++i) {
      copy_slot(p, i, p, i + 1);
      set_parent(p.child[i], p.level, parent, i);
    }
    p.clear(p.n - 1);
    --p.n;
    if (p.n == 0 && p.parent != none) {
      const std::uint32_t up = p.parent;
      const std::uint32_t slot = p.slot;
      free_inners_.push_back(parent);
      remove_child(up, slot);
      return;
    }
    refresh_inner_up(parent);
    // A root with one child hands over to it, keeping searches short.
    while (height_ > 0 && inners_[root_].n == 1) {
      const std::uint32_t old = root_;
      root_ = inners_[old].child[0];
      free_inners_.push_back(old);
      --height_;
      if (height_ == 0) leaves_[root_].parent = none;
      else inners_[root_].parent = none;
    }
  }

  void unlink_leaf(std::uint32_t leaf) noexcept {
    const std::uint32_t parent = leaves_[leaf].parent;
    const std::uint32_t slot = leaves_[leaf].slot;
    free_leaves_.push_back(leaf);
    remove_child(parent, slot);
  }

  bool check(std::uint32_t id, std::uint32_t h, std::uint64_t& last, bool& first, std::uint32_t& count) const {
    if (h == 0) {
      const Leaf& l = leaves_[id];
      for (std::uint32_t j = 0; j < l.n; ++j) {
        if (!first && l.key[j] <= last) return false;
        if (leaf_table()[static_cast<std::uint32_t>(l.key[j])] != id) return false;
        last = l.key[j];
        first = false;
        ++count;
      }
      return l.n > 0 || id == root_;
    }
    const Inner& p = inners_[id];
    if (p.level != h || p.n == 0) return false;
    for (std::uint32_t j = 0; j < p.n; ++j) {
      const std::uint32_t c = p.child[j];
      const Summary want = h == 1 ? summarize(leaves_[c]) : summarize(inners_[c]);
      Summary have = slot_summary(p, j);
      if ((have.mask & want.mask) != want.mask) return false;  // masks may be supersets
      have.mask = want.mask;
      if (!(have == want)) return false;
      const std::uint32_t cp = h == 1 ? leaves_[c].parent : inners_[c].parent;
      const std::uint32_t cs = h == 1 ? leaves_[c].slot : inners_[c].slot;
      if (cp != id || cs != j) return false;
      if (!check(c, h - 1, last, first, count)) return false;
    }
    return true;
  }

  CapacityOrder order_;
  std::vector<Leaf> leaves_;
  std::vector<Inner> inners_;
  std::vector<std::uint32_t> free_leaves_;
  std::vector<std::uint32_t> free_inners_;
  std::vector<std::uint32_t> own_leaf_of_;           // by instance; none when absent
  std::vector<std::uint32_t>* shared_leaf_of_ = nullptr;  // used instead of own_leaf_of_ when set
  std::uint32_t root_ = 0;
  std::uint32_t height_ = 0;  // 0: the root is a leaf
  std::uint32_t size_ = 0;
  std::uint32_t gpu_holders_ = 0;  // entries with a GPU left
  std::uint32_t eni_holders_ = 0;  // entries with a free ENI
  mutable std::uint32_t hint_leaf_ = none;  // where first_fit() last found its answer
  mutable std::uint32_t hint_pos_ = 0;
};

}  // namespace ecsim
