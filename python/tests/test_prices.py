"""ecsim.price and ecsim.price_instance: `ecsim price` as functions."""

import pytest

import ecsim


def test_one_vcpu_two_gb_costs_0_04937_an_hour_and_36_04_a_month():
    q = ecsim.price(cpu=1024, memory=2048)
    assert round(q["hourly_usd"], 5) == 0.04937
    assert round(q["total_usd"], 2) == 36.04
    assert (q["cpu"], q["memory_mib"], q["arch"], q["os"], q["spot"], q["hours"]) == (
        1024, 2048, "X86_64", "LINUX", False, 730.0)


def test_sizes_may_be_written_as_ecs_text():
    assert ecsim.price(cpu="1 vCPU", memory="2 GB") == ecsim.price(cpu=1024, memory=2048)


def test_spot_and_arm_cost_less_than_on_demand_x86():
    base = ecsim.price(cpu=512, memory=1024)["hourly_usd"]
    assert ecsim.price(cpu=512, memory=1024, spot=True)["hourly_usd"] < base
    assert ecsim.price(cpu=512, memory=1024, arch="arm64")["hourly_usd"] < base


def test_an_invalid_size_lists_the_valid_memory_values():
    with pytest.raises(ecsim.InputError) as info:
        ecsim.price(cpu=512, memory=5000)
    assert str(info.value) == (
        "Fargate does not support cpu 512 with memory 5000 MiB; valid memory values for cpu 512 are "
        "1024, 2048, 3072, 4096 MiB")


def test_an_m5_large_costs_what_the_cli_quotes(cli):
    q = ecsim.price_instance("m5.large", hours=24)
    assert (q["instance_type"], q["vcpu"], q["memory_mib"]) == ("m5.large", 2, 8192)
    printed = cli("price", "--instance-type", "m5.large", "--hours", 24).stdout
    assert f"hourly          ${q['hourly_usd']:.5f}" in printed
    assert f"24 h            ${q['total_usd']:.2f}" in printed


def test_an_unknown_instance_type_is_an_input_error():
    with pytest.raises(ecsim.InputError, match="m5.lrge"):
        ecsim.price_instance("m5.lrge")
