"""One benchmark line: what was measured, its value, and the target it is held to."""


def line(area: str, what: str, value: float, unit: str, target: float | None = None, lower_is_better=True) -> str:
    text = f"bench {area}: {what:<44} {value:>10.3f} {unit}"
    if target is None:
        return text
    met = value <= target if lower_is_better else value >= target
    sign = "<=" if lower_is_better else ">="
    return f"{text}   target {sign} {target:g} {unit}   {'ok' if met else 'MISSED'}"


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

