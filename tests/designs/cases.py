"""A small valid design-and-scenario file and the ways to break it."""

BASE = """\
[design]
name = "demo"
description = "A two-house council for the tests"
houses = [{ name = "upper", seats = 2 }, { name = "lower", seats = 1 }]
seats = [
    { group = "gov", count = 2, house = "upper" },
    { group = "ngo", count = 1, house = "lower" },
]
attendance = 0.9

[design.rule]
name = "houses"
threshold = "gnso-default"

[design.inclusion]
default = "consult"
gov = "empower"

[design.deliberation]
kernel = "degroot"
segregation = 0.5
mu = 0.25

[scenario]
name = "demo"
dimensions = 1
status_quo = 0.5

[scenario.sectors.gov]
count = 5
ideal = { mean = 0.3, sd = 0.1 }

[scenario.constituencies.ngo]
sector = "civil-society"
count = 3
ideal = { distribution = "uniform", low = 0.2, high = 0.8 }

[[scenario.shocks]]
issue = 2
sectors = ["civil-society"]
"""
