#pragma once
/// An allocator for the few arrays that grow with the fleet (task rows, the
/// event queue, the event log): blocks of 2 MiB and more are 2 MiB aligned and,
/// on Linux, marked for transparent huge pages. A 100,000-task run touches tens
/// of MiB at random; with 4 KiB pages nearly every access to a task row also
/// misses the TLB, and every new page costs a fault. Smaller blocks, and other
/// systems, get plain operator new.
#include <cstddef>
#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace ecsim {

/// std::allocator, except that large blocks go on huge pages. Stateless.
template <class T>
struct HugePageAllocator {
  using value_type = T;  ///< allocator requirement

  /// The size of a transparent huge page on x86-64 and most AArch64 kernels.
  static constexpr std::size_t huge_page_bytes = std::size_t{2} << 20;

  HugePageAllocator() = default;
  /// Rebinding copy (allocator requirement).
  template <class U>
  HugePageAllocator(const HugePageAllocator<U>&) noexcept {}

  /// Storage for n objects; on huge pages from 2 MiB on.
  T* allocate(std::size_t n) {
    const std::size_t bytes = n * sizeof(T);
    if (bytes < huge_page_bytes) return static_cast<T*>(::operator new(bytes, std::align_val_t{alignof(T)}));
    const std::size_t rounded = round_up(bytes);
    void* p = ::operator new(rounded, std::align_val_t{huge_page_bytes});
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    // Only a hint: where THP is off (or "never") the memory works as usual.
    ::madvise(p, rounded, MADV_HUGEPAGE);
#endif
    return static_cast<T*>(p);
  }

  /// Releases storage from allocate(p's n).
  void deallocate(T* p, std::size_t n) noexcept {
    const std::size_t bytes = n * sizeof(T);
    if (bytes < huge_page_bytes) {
      ::operator delete(p, std::align_val_t{alignof(T)});
    } else {
      ::operator delete(p, std::align_val_t{huge_page_bytes});
    }
  }

  /// Stateless: any two compare equal.
  template <class U>
  bool operator==(const HugePageAllocator<U>&) const noexcept {
    return true;
  }

 private:
  static constexpr std::size_t round_up(std::size_t bytes) noexcept {
    return (bytes + huge_page_bytes - 1) / huge_page_bytes * huge_page_bytes;
  }
};

}  // namespace ecsim
