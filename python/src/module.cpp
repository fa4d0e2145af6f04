// The _ecsim extension module: errors, the scenario loader, durations, task
// sizes and price quotes. The simulation core lives in simulation_binding.cpp.
// Pandas and plotting sugar is Python (python/ecsim/*.py), not here.
#include "bindings.hpp"

#include <ecsim/core/error.hpp>
#include <ecsim/core/time.hpp>
#include <ecsim/cost/price_table.hpp>
#include <ecsim/io/scenario_errors.hpp>
#include <ecsim/model/enum_names.hpp>
#include <ecsim/model/fargate.hpp>
#include <ecsim/model/instance_type.hpp>
#include <ecsim/model/platform.hpp>

#include <pybind11/stl.h>

#include <cstdint>
#include <exception>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace py = pybind11;

namespace ecsim::detail {

namespace {

// Owned by the module for the life of the interpreter (never freed, as
// CPython's own exception types are).
PyObject* error_type = nullptr;
PyObject* input_error_type = nullptr;
PyObject* scenario_error_type = nullptr;

PyObject* new_exception(py::module_& m, const char* name, py::tuple bases, const char* doc) {
  const std::string qualified = std::string("ecsim.") + name;  // users see ecsim.ScenarioError
  PyObject* type = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, bases.ptr(), nullptr);
  if (type == nullptr) throw py::error_already_set();
  m.add_object(name, py::handle(type));
  return type;
}

// Raises `type(message)` with a `diagnostics` list attached, so callers can
// read every problem's file, line and field without parsing the text.
void raise_scenario_error(const std::string& message, const std::vector<Diagnostic>& diagnostics) {
  py::object exc = py::reinterpret_borrow<py::object>(scenario_error_type)(message);
  exc.attr("diagnostics") = py::cast(diagnostics);
  PyErr_SetObject(scenario_error_type, exc.ptr());
}

std::string diagnostic_repr(const Diagnostic& d) {
  return "<ecsim.Diagnostic " + py::repr(py::str(d.text())).cast<std::string>() + ">";
}

}  // namespace

void bind_errors(py::module_& m) {
  py::class_<Diagnostic>(m, "Diagnostic", "One problem (or warning) at a place in a scenario file.")
      .def_readonly("file", &Diagnostic::file, "display name; '--set' for overrides")
      .def_readonly("line", &Diagnostic::line, "1-based, 0 when unknown")
      .def_readonly("column", &Diagnostic::column, "1-based, 0 when unknown")
      .def_readonly("field", &Diagnostic::field, "dotted path, e.g. services.web.desiredCount")
      .def_readonly("message", &Diagnostic::message, "what is wrong")
      .def_readonly("warning", &Diagnostic::warning, "True: reported, but the scenario loads")
      .def("__str__", &Diagnostic::text)
      .def("__repr__", &diagnostic_repr)
      .attr("__module__") = "ecsim";  // shown as ecsim.Diagnostic, where users import it

  // Same tree as C++ (ScenarioError is an InputError is an Error), so one
  // `except ecsim.Error` catches them all; input problems are also ValueErrors
  // because that is what Python code expects a bad argument to raise.
  error_type = new_exception(m, "Error", py::make_tuple(py::handle(PyExc_RuntimeError)),
                             "Base of every error ecsim raises.");
  input_error_type = new_exception(
      m, "InputError", py::make_tuple(py::handle(error_type), py::handle(PyExc_ValueError)),
      "A value the user gave is wrong (a duration, a task size, an argument).");
  scenario_error_type = new_exception(
      m, "ScenarioError", py::make_tuple(py::handle(input_error_type)),
      "A scenario has errors; str() lists each as FILE:LINE:COLUMN: field.path: what is wrong, "
      "and .diagnostics holds them as Diagnostic objects.");

  // Most derived first: ScenarioErrors and ScenarioError are InputErrors.
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const ScenarioErrors& e) {
      raise_scenario_error(e.what(), e.diagnostics());
    } catch (const ScenarioError& e) {
      raise_scenario_error(e.what(), {Diagnostic{e.file(), e.line(), e.column(), e.field(), e.detail()}});
    } catch (const InputError& e) {
      PyErr_SetString(input_error_type, e.what());
    } catch (const Error& e) {
      PyErr_SetString(error_type, e.what());
    }
  });
}

namespace {

LoadedScenario loaded(LoadResult&& r) { return {std::move(r.scenario), std::move(r.warnings)}; }

}  // namespace

void bind_scenario(py::module_& m) {
  py::class_<LoadedScenario>(m, "LoadedScenario", "A validated scenario, ready to simulate.")
      .def_property_readonly("name", [](const LoadedScenario& s) { return s.scenario.name; })
      .def_property_readonly("seed", [](const LoadedScenario& s) { return s.scenario.simulation.seed; })
      .def_property_readonly("duration_ms",
                             [](const LoadedScenario& s) { return s.scenario.simulation.duration.count(); })
      .def_property_readonly("region", [](const LoadedScenario& s) { return s.scenario.simulation.region; })
      .def_property_readonly("service_names",
                             [](const LoadedScenario& s) {
                               std::vector<std::string> names;
                               for (const auto& svc : s.scenario.services) names.push_back(svc.service_name);
                               return names;
                             })
      .def_property_readonly("scaling_targets",
                             [](const LoadedScenario& s) {
                               // (service, PredefinedMetricType, TargetValue) of each
                               // target-tracking policy: what plots draw as the target line
                               std::vector<std::tuple<std::string, std::string, double>> out;
                               for (const auto& svc : s.scenario.services) {
                                 if (!svc.auto_scaling) continue;
                                 for (const auto& p : svc.auto_scaling->policies) {
                                   if (!p.target_tracking_scaling_policy_configuration) continue;
                                   const auto& c = *p.target_tracking_scaling_policy_configuration;
                                   out.emplace_back(svc.service_name,
                                                    std::string(enum_name(c.predefined_metric_specification
                                                                              .predefined_metric_type)),
                                                    c.target_value);
                                 }
                               }
                               return out;
                             })
      .def_readonly("warnings", &LoadedScenario::warnings);

  // Loading reads files and validates; other Python threads may run meanwhile.
  m.def(
      "load_file",
      [](const std::string& path, std::optional<std::uint64_t> seed, std::vector<std::string> set) {
        LoadOptions options{seed, std::move(set)};
        py::gil_scoped_release unlocked;
        return loaded(load_scenario_file(path, options));
      },
      py::arg("path"), py::arg("seed") = py::none(), py::arg("set") = std::vector<std::string>{},
      "Loads and validates a scenario file; raises ScenarioError listing every problem.");
  m.def(
      "load_text",
      [](const std::string& text, const std::string& name, std::optional<std::uint64_t> seed,
         std::vector<std::string> set) {
        LoadOptions options{seed, std::move(set)};
        py::gil_scoped_release unlocked;
        return loaded(load_scenario_text(text, name, options));
      },
      py::arg("text"), py::arg("name") = "<string>", py::arg("seed") = py::none(),
      py::arg("set") = std::vector<std::string>{},
      "Loads and validates YAML (or JSON) text; `name` stands for the file in messages.");

  m.def(
      "parse_duration", [](std::string_view text) { return parse_duration(text).count(); },
      py::arg("text"), "Milliseconds of a scenario duration such as '90s', '1h30m' or '500ms'.");
  m.def(
      "format_duration", [](std::int64_t ms) { return format_duration(Millis{ms}); }, py::arg("ms"),
      "Milliseconds written the way scenarios write durations ('1h30m').");
  m.def("parse_task_cpu", &parse_task_cpu, py::arg("text"),
        "CPU units of a task-level cpu: '512' or '0.5 vCPU'.");
  m.def("parse_task_memory", &parse_task_memory, py::arg("text"),
        "MiB of a task-level memory: '1024' or '1 GB'.");
}

void bind_prices(py::module_& m) {
  m.def(
      "quote_fargate",
      [](int cpu, int memory_mib, const std::string& arch, const std::string& os, bool spot, double hours,
         const std::string& region, int ephemeral_gib) {
        const CpuArchitecture a = parse_cpu_architecture(arch);
        const OsFamily o = parse_os_family(os);
        const FargateQuote q = quote_fargate(price_table(region), cpu, memory_mib, a, spot, hours, o, ephemeral_gib);
        py::dict d;
        d["cpu"] = q.cpu;
        d["memory_mib"] = q.memory_mib;
        d["arch"] = std::string(to_string(q.arch));
        d["os"] = std::string(to_string(q.os));
        d["spot"] = q.spot;
        d["ephemeral_gib"] = q.ephemeral_gib;
        d["region"] = region;
        d["hourly_usd"] = q.hourly_usd;
        d["hours"] = q.hours;
        d["total_usd"] = q.total_usd;
        return d;
      },
      py::arg("cpu"), py::arg("memory_mib"), py::arg("arch"), py::arg("os"), py::arg("spot"), py::arg("hours"),
      py::arg("region"), py::arg("ephemeral_gib"), "What one Fargate task of this size costs (ecsim price).");
  m.def(
      "quote_ec2",
      [](const std::string& type, bool spot, double hours, const std::string& region) {
        const Ec2Quote q = quote_ec2(price_table(region), type, spot, hours);
        const InstanceType& t = instance_type(q.instance_type);
        py::dict d;
        d["instance_type"] = q.instance_type;
        d["vcpu"] = t.vcpu;
        d["memory_mib"] = t.memory_mib;
        d["arch"] = std::string(to_string(t.architecture));
        d["spot"] = q.spot;
        d["region"] = region;
        d["hourly_usd"] = q.hourly_usd;
        d["hours"] = q.hours;
        d["total_usd"] = q.total_usd;
        return d;
      },
      py::arg("instance_type"), py::arg("spot"), py::arg("hours"), py::arg("region"),
      "What one Linux EC2 instance of a catalog type costs (ecsim price --instance-type).");
  m.def("price_regions", &price_regions, "Regions with a built-in price table, sorted.");
}

}  // namespace ecsim::detail

PYBIND11_MODULE(_ecsim, m) {
  m.doc() = "Compiled core of the ecsim package; use `import ecsim` instead.";
  m.attr("__version__") = ECSIM_VERSION;  // the CMake project version, one source of truth
  ecsim::detail::bind_errors(m);
  ecsim::detail::bind_scenario(m);
  ecsim::detail::bind_prices(m);
  ecsim::detail::bind_simulation(m);
  ecsim::detail::bind_placement(m);
}
