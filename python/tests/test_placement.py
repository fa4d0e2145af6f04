"""ecsim.Cluster: ECS placement rules on instances of catalog types."""

import pytest

import ecsim

AZ = "attribute:ecs.availability-zone"


def _three_azs(instances_per_az=2, instance_type="m5.large"):
    cluster = ecsim.Cluster()
    for az in ("us-east-1a", "us-east-1b", "us-east-1c"):
        cluster.add_instances(instance_type, count=instances_per_az, availability_zone=az)
    return cluster


def test_spread_over_azs_puts_two_of_six_tasks_in_each_az():
    cluster = _three_azs()
    p = cluster.place(cpu=256, memory=512, count=6, strategy=[{"type": "spread", "field": AZ}])
    assert p.placed == 6 and p.failure is None
    azs = cluster.instances.loc[p.instances, "availabilityZone"]
    assert azs.value_counts().to_dict() == {"us-east-1a": 2, "us-east-1b": 2, "us-east-1c": 2}
    assert cluster.task_count == 6


def test_instances_register_1024_cpu_units_per_vcpu_and_tasks_use_them_up():
    cluster = ecsim.Cluster()
    (only,) = cluster.add_instances("m5.large")  # 2 vCPU, 8 GiB
    row = cluster.instances.loc[only]
    assert row["registeredCpu"] == 2 * 1024
    assert 0 < row["registeredMemory"] < 8 * 1024  # the OS keeps a share
    p = cluster.place(cpu="0.5 vCPU", memory=256, count=5)
    # 2048 units hold four 512-unit tasks; the fifth has no CPU left.
    assert p.placed == 4
    assert "insufficient CPU" in p.failure
    assert cluster.instances.loc[only, "remainingCpu"] == 0


def test_binpack_on_memory_fills_one_instance_before_the_next():
    cluster = _three_azs(instances_per_az=1)
    p = cluster.place(cpu=0, memory=1024, count=3, strategy=[{"type": "binpack", "field": "memory"}])
    assert len(set(p.instances)) == 1


def test_distinct_instance_places_one_task_per_instance_then_fails():
    cluster = _three_azs()
    p = cluster.place(cpu=256, memory=512, count=7, constraints=[{"type": "distinctInstance"}],
                      group="service:api")
    assert p.placed == 6 and len(set(p.instances)) == 6
    assert p.failure is not None


def test_member_of_keeps_tasks_on_matching_instances():
    cluster = ecsim.Cluster()
    cluster.add_instances("m5.large", count=2, attributes={"team": "search"})
    others = cluster.add_instances("m5.large", count=2, attributes={"team": "ads"})
    p = cluster.place(cpu=256, memory=512, count=4,
                      constraints=[{"type": "memberOf", "expression": "attribute:team == ads"}])
    assert set(p.instances) <= set(others)


def test_bad_input_raises_ecsim_errors():
    cluster = ecsim.Cluster()
    with pytest.raises(ecsim.InputError, match="m5.large"):
        cluster.add_instances("m5.lrage")  # did you mean
    with pytest.raises(ecsim.InputError):
        cluster.place(cpu=256, memory=512, strategy=[{"type": "binpack", "field": "disk"}])
    with pytest.raises(ecsim.InputError):
        cluster.place(cpu=256, memory=512, strategy=[{"type": "packbin"}])
