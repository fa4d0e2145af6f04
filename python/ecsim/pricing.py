"""Price quotes: `ecsim price` as functions returning dicts."""

from __future__ import annotations

import numbers

from . import _ecsim


def _size(value, parse, what: str) -> int:
    # Numbers go through the same parser as text, so 0 or -1 get its message.
    if isinstance(value, bool) or not isinstance(value, (str, numbers.Integral)):
        raise TypeError(f"{what} takes units as an int or text such as '1 GB' / '0.5 vCPU', "
                        f"got {type(value).__name__}")
    return parse(value if isinstance(value, str) else str(int(value)))


def price(cpu, memory, hours=730, spot=False, arch="x86_64", os="linux", region="us-east-1",
          ephemeral_gib=20) -> dict:
    """What one Fargate task of this size costs per hour and over `hours`
    (730 = the month AWS's calculator uses).

    cpu: CPU units (1024) or "1 vCPU"; memory: MiB (2048) or "2 GB".
    Raises InputError for a size Fargate does not run, naming the valid ones.

    >>> q = price(cpu=1024, memory=2048)
    >>> round(q["hourly_usd"], 5), round(q["total_usd"], 2)
    (0.04937, 36.04)
    """
    return _ecsim.quote_fargate(
        _size(cpu, _ecsim.parse_task_cpu, "cpu"),
        _size(memory, _ecsim.parse_task_memory, "memory"),
        arch, os, bool(spot), float(hours), region, int(ephemeral_gib),
    )


def price_instance(type, hours=730, spot=False, region="us-east-1") -> dict:
    """What one Linux EC2 instance of a catalog type (e.g. "m5.large") costs
    per hour and over `hours`, on-demand or Spot."""
    return _ecsim.quote_ec2(type, bool(spot), float(hours), region)
