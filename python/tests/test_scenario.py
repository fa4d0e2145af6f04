"""Loading scenarios, overrides and the errors a user sees."""

import pickle

import pytest

import ecsim


def test_quickstart_loads_with_its_name_seed_duration_and_services(quickstart):
    scenario = ecsim.load(quickstart)
    assert scenario.name == "quickstart"
    assert scenario.seed == 42
    assert scenario.duration == 7200.0
    assert scenario.services == ["web"]
    assert scenario.overrides == ()
    assert scenario.validate() == []
    assert repr(scenario) == f"Scenario('quickstart', path={str(quickstart)!r})"


def test_seed_and_set_are_recorded_as_overrides_and_shown_in_repr(quickstart):
    scenario = ecsim.load(quickstart, seed=7)
    scenario.set("services.web.desiredCount", 8).set({"simulation.duration": "1h"})
    assert scenario.seed == 7
    assert scenario.duration == 3600.0
    assert scenario.overrides == ("services.web.desiredCount=8", "simulation.duration=1h")
    assert repr(scenario) == (
        f"Scenario('quickstart', path={str(quickstart)!r}, seed=7, "
        "overrides=['services.web.desiredCount=8', 'simulation.duration=1h'])"
    )


def test_a_bad_set_path_raises_scenario_error_with_the_cli_text(quickstart, cli):
    scenario = ecsim.load(quickstart).set("services.webx.desiredCount", 3)
    with pytest.raises(ecsim.ScenarioError) as info:
        scenario.validate()
    expected = "--set: services.webx.desiredCount: 'services' has no item named 'webx'; did you mean 'web'?"
    assert str(info.value) == expected
    assert cli("validate", quickstart, "--set", "services.webx.desiredCount=3").stderr == expected + "\n"
    [d] = info.value.diagnostics
    assert (d.file, d.line, d.field) == ("--set", 0, "services.webx.desiredCount")


def test_a_wrong_type_in_set_is_refused_as_on_the_command_line(quickstart):
    with pytest.raises(ecsim.ScenarioError, match=r"^--set: services\.web\.desiredCount: expected an integer, got 'many'$"):
        ecsim.load(quickstart, set={"services.web.desiredCount": "many"})


def test_errors_in_a_file_carry_file_line_column_and_match_the_cli(tmp_path, quickstart, cli):
    bad = tmp_path / "bad.yaml"
    bad.write_text(quickstart.read_text().replace("    desiredCount: 4\n", "    desiredCont: 4\n"))
    with pytest.raises(ecsim.ScenarioError) as info:
        ecsim.load(bad)
    message = str(info.value)
    assert message == (f"{bad}:36:5: services.web.desiredCont: unknown field 'desiredCont'; "
                       "did you mean 'desiredCount'?")
    assert cli("validate", bad).stderr == message + "\n"
    assert isinstance(info.value, ValueError) and isinstance(info.value, ecsim.InputError)
    assert isinstance(info.value, ecsim.Error)


def test_an_invalid_fargate_size_names_the_valid_memory_values(quickstart):
    text = quickstart.read_text().replace('memory: "1024"', 'memory: "5000"')
    with pytest.raises(ecsim.ScenarioError) as info:
        ecsim.Scenario.from_yaml(text, name="sized.yaml")
    assert str(info.value) == (
        "sized.yaml:24:13: taskDefinitions.web.memory: Fargate does not support cpu 512 with memory "
        "5000 MiB; valid memory values for cpu 512 are 1024, 2048, 3072, 4096 MiB"
    )


def test_from_dict_loads_a_scenario_built_in_python():
    d = {
        "name": "tiny",
        "simulation": {"duration": "10m", "seed": 3},
        "clusters": [{"clusterName": "c"}],
        "taskDefinitions": [{
            "family": "app", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc",
            "cpu": "256", "memory": "512",
            "containerDefinitions": [{"name": "app", "image": "app:1", "essential": True}],
        }],
        "services": [{"serviceName": "app", "cluster": "c", "taskDefinition": "app",
                      "desiredCount": 2, "launchType": "FARGATE"}],
    }
    scenario = ecsim.Scenario.from_dict(d)
    assert (scenario.name, scenario.seed, scenario.duration) == ("tiny", 3, 600.0)
    summary = ecsim.run(scenario).summary
    assert summary["services"]["app"]["runningCount"] == 2


def test_validate_returns_the_warnings_the_cli_prints(quickstart, cli):
    override = "services.web.availabilityZoneRebalancing=ENABLED"
    warnings = ecsim.load(quickstart, set=[override]).validate()
    printed = cli("validate", quickstart, "--set", override).stderr.splitlines()
    assert warnings == printed
    assert "availabilityZoneRebalancing: parsed but not simulated yet" in warnings[0]


def test_a_seed_out_of_range_is_an_input_error(quickstart):
    with pytest.raises(ecsim.InputError, match=r"^seed must be a whole number from 0 to 18446744073709551615, got -1$"):
        ecsim.load(quickstart, seed=-1)


def test_a_scenario_pickles_without_its_loaded_state(quickstart):
    scenario = ecsim.load(quickstart, seed=5).set("services.web.desiredCount", 2)
    copy = pickle.loads(pickle.dumps(scenario))
    assert repr(copy) == repr(scenario)
    assert copy.overrides == ("services.web.desiredCount=2",)
