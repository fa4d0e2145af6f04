#pragma once
/// ECSIM_ASSERT: checks for broken invariants, i.e. bugs in ecsim, never bad
/// user input (that throws ecsim::InputError). Active unless NDEBUG is defined;
/// ECSIM_ENABLE_ASSERTS turns it back on in an optimised build.
#include <cstdio>
#include <cstdlib>

namespace ecsim::detail {

/// Reports a failed ECSIM_ASSERT and aborts: a bug must stop the run, not be caught.
[[noreturn]] inline void assert_failed(const char* file, int line, const char* condition,
                                       const char* message) noexcept {
  std::fprintf(stderr, "%s:%d: ECSIM_ASSERT(%s) failed: %s\n", file, line, condition, message);
  std::abort();
}

}  // namespace ecsim::detail

#if !defined(NDEBUG) || defined(ECSIM_ENABLE_ASSERTS)
/// Aborts with file:line and msg when cond is false.
#define ECSIM_ASSERT(cond, msg) \
  ((cond) ? static_cast<void>(0) : ::ecsim::detail::assert_failed(__FILE__, __LINE__, #cond, msg))
#else
// sizeof keeps names used only in assertions "used" without evaluating them.
#define ECSIM_ASSERT(cond, msg) static_cast<void>(sizeof((cond) ? 1 : 0))
#endif
