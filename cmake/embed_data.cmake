# Turns each data file into a string constant, so the library carries its own
# catalogs. Called by the build with -DOUT=<cpp> -DFILES=<list>.
set(body "// Generated from data/ by cmake/embed_data.cmake. Do not edit.\n")
string(APPEND body "#include <string_view>\nnamespace ecsim::detail {\n")
foreach(f IN LISTS FILES)
  get_filename_component(name ${f} NAME)
  string(MAKE_C_IDENTIFIER "${name}" id)
  file(READ ${f} content HEX)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "\\\\x\\1" content "${content}")
  # Split into chunks so no single string literal gets unwieldy.
  string(REGEX REPLACE "((\\\\x[0-9a-f][0-9a-f]){64})" "\\1\"\n\"" content "${content}")
  string(APPEND body "extern const std::string_view embedded_${id};\n")
  string(APPEND body "const std::string_view embedded_${id} = \"${content}\";\n")
endforeach()
string(APPEND body "}  // namespace ecsim::detail\n")
file(WRITE ${OUT}.tmp "${body}")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
