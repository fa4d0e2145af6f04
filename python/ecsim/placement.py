"""ecsim.Cluster: the simulator's EC2 task placement on its own.

    cluster = ecsim.Cluster()
    for az in ("us-east-1a", "us-east-1b"):
        cluster.add_instances("m5.large", count=2, availability_zone=az)
    p = cluster.place(cpu=512, memory=1024, count=6, strategy=[
        {"type": "spread", "field": "attribute:ecs.availability-zone"},
        {"type": "binpack", "field": "memory"}])
    p.instances        # the EC2 instance id of each placed task, in order
    p.failure          # None, or ECS's reason the next task did not fit
    cluster.instances  # DataFrame: registered and remaining CPU/memory, tasks

Strategies and constraints are written as in a scenario file (or the ECS
API): up to 5 strategies applied in order, then the lowest instance id
breaks ties; constraints `distinctInstance` and `memberOf` with a cluster
query expression. Instances register what ECS would for their type
(1024 CPU units per vCPU; memory minus the OS share, see docs/assumptions.md).
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd

from . import _ecsim


class Placement(NamedTuple):
    """What one Cluster.place() call did."""

    instances: list  #: EC2 instance id per placed task, in placing order
    failure: str | None  #: why the first unplaced task found no instance (ECS's wording)

    @property
    def placed(self) -> int:
        return len(self.instances)


def _units(value, parse) -> int:
    return parse(value) if isinstance(value, str) else int(value)


class Cluster:
    """EC2 container instances of one cluster and ECS's placement on them."""

    def __init__(self, seed: int = 0):
        #: seed of the `random` strategy
        self.seed = seed
        self._core = _ecsim.Cluster(seed)

    def add_instances(self, instance_type: str, count: int = 1, availability_zone: str = "us-east-1a",
                      attributes: dict | None = None, trunking: bool = False) -> list[str]:
        """Registers count instances of a catalog type; returns their EC2 ids.
        attributes are custom ones (memberOf / spread can use them);
        trunking=True gives awsvpc tasks the type's trunk ENI limit."""
        return self._core.add_instances(instance_type, availability_zone,
                                        {str(k): str(v) for k, v in (attributes or {}).items()},
                                        count, trunking)

    def place(self, cpu, memory, count: int = 1, strategy=(), constraints=(), group: str = "service:default",
              network_mode: str = "bridge", gpus: int = 0) -> Placement:
        """Places count tasks of this size one after the other, as a service
        scheduler would, and keeps them. cpu in units (256) or "0.25 vCPU",
        memory in MiB (512) or "0.5 GB"; group is the task group distinctInstance
        and spread count in ("service:NAME" for a service)."""
        instances, failure = self._core.place(
            _units(cpu, _ecsim.parse_task_cpu), _units(memory, _ecsim.parse_task_memory), count,
            list(strategy), list(constraints), group, network_mode, gpus)
        return Placement(instances, failure)

    @property
    def instances(self) -> pd.DataFrame:
        """One row per instance (registration order), indexed by EC2 id."""
        names = self._core.instances()
        rows = [self._core.instance(name) for name in names]
        return pd.DataFrame(rows, index=pd.Index(names, name="instance"))

    @property
    def task_count(self) -> int:
        """Tasks placed and kept."""
        return self._core.task_count

    def __repr__(self) -> str:
        return f"Cluster(instances={len(self._core.instances())}, tasks={self.task_count})"
