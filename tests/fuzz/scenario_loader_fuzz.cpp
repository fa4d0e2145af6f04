// libFuzzer target: the scenario loader and validator on arbitrary bytes.
//
// Expected outcomes are a LoadResult or an ecsim::Error (InputError,
// ScenarioErrors): both mean the loader did its job. Anything else is a
// finding: another exception type escaping (a raw library what() would reach
// the user), a crash, an ASan/UBSan report, a leak, a hang or runaway memory.
// Header lines `#!set` / `#!seed` become load options (fuzz_input.hpp).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string_view>

#include "ecsim/core/error.hpp"
#include "ecsim/io/scenario_loader.hpp"
#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  const ecsim::LoadOptions options = ecsim::detail::take_fuzz_options(text);
  try {
    const ecsim::LoadResult result = ecsim::load_scenario_text(text, "fuzz.yaml", options);
    (void)result;
  } catch (const ecsim::Error&) {
    // The user-facing outcome for bad input.
  } catch (const std::exception& e) {
    // Not an ecsim::Error: a library's raw message would reach the user.
    // Abort so libFuzzer saves the input; say which exception escaped.
    std::fprintf(stderr, "non-ecsim exception escaped the loader: %s\n", e.what());
    std::abort();
  }
  return 0;
}
