"""Plot helpers return matplotlib Figures and never need a display."""

import io

import pytest
from matplotlib.figure import Figure

import ecsim


@pytest.fixture(scope="module")
def result(quickstart):
    return ecsim.run(quickstart)


@pytest.mark.parametrize("kind,ylabel", [("tasks", "tasks"), ("cpu", "cpuUtilization (%)"),
                                         ("cost", "cost so far (USD)")])
def test_each_plot_kind_returns_a_figure_that_saves_as_png(result, kind, ylabel):
    fig = result.plot(kind=kind)
    assert isinstance(fig, Figure)
    [ax] = fig.axes
    assert ax.get_ylabel() == ylabel
    assert ax.get_xlabel() == "time (min)"
    png = io.BytesIO()
    fig.savefig(png, format="png")
    assert png.getvalue()[:8] == b"\x89PNG\r\n\x1a\n"


def test_tasks_plot_draws_desired_running_and_healthy_per_service(result):
    ax = result.plot("tasks").axes[0]
    assert [line.get_label() for line in ax.get_lines()] == ["web desired", "web running", "web healthy"]


def test_an_unknown_plot_kind_names_the_choices(result):
    with pytest.raises(ValueError, match=r"^unknown plot kind 'memory'; choose one of 'tasks', 'cpu', 'cost'$"):
        result.plot(kind="memory")


def test_cpu_plot_draws_each_cpu_target_tracking_target_value(quickstart):
    scenario = ecsim.load(quickstart).set("services.web.autoScaling", {
        "minCapacity": 2, "maxCapacity": 10,
        "policies": [{"policyName": "cpu60", "targetTrackingScalingPolicyConfiguration": {
            "TargetValue": 60,
            "PredefinedMetricSpecification": {"PredefinedMetricType": "ECSServiceAverageCPUUtilization"}}}]})
    ax = ecsim.run(scenario).plot("cpu").axes[0]
    targets = [line for line in ax.get_lines() if line.get_label() == "web target 60 %"]
    assert len(targets) == 1
    assert set(targets[0].get_ydata()) == {60}
    # without a policy there is no target line
    plain = ecsim.run(quickstart).plot("cpu").axes[0]
    assert not [line for line in plain.get_lines() if "target" in line.get_label()]
