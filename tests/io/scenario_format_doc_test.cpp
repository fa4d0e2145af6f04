// docs/scenario-format.md promises which fields are accepted and ignored and
// which are parsed but not simulated yet; the loader's tables must match it.
#include "io/field_tables.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

namespace {

std::string read_doc() {
  std::ifstream in(ECSIM_SOURCE_DIR "/docs/scenario-format.md");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The text between a "## title" heading and the next heading of that level.
std::string section(const std::string& doc, const std::string& title) {
  const std::size_t start = doc.find("\n## " + title + "\n");
  if (start == std::string::npos) return "";
  const std::size_t end = doc.find("\n## ", start + 4);
  return doc.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

// `field`, as the page writes field paths.
std::string quoted(std::string_view field) {
  std::string out(1, '`');
  out += field;
  out += '`';
  return out;
}

}  // namespace

TEST_CASE("docs/scenario-format.md lists every field that is accepted and ignored") {
  const std::string text = section(read_doc(), "Accepted and ignored");
  REQUIRE_FALSE(text.empty());
  for (std::string_view field : ecsim::detail::accepted_and_ignored_fields()) {
    CAPTURE(field);
    CHECK(text.find(quoted(field)) != std::string::npos);
  }
}

TEST_CASE("docs/scenario-format.md lists every field that is parsed but not simulated yet") {
  const std::string text = section(read_doc(), "Parsed, not simulated yet");
  REQUIRE_FALSE(text.empty());
  for (std::string_view field : ecsim::detail::not_simulated_fields()) {
    CAPTURE(field);
    CHECK(text.find(quoted(field)) != std::string::npos);
  }
}
