"""Every registered factor, from every plugin and the core, carries its source; estimates say so.

Generic over the factor set: a new plugin's table is checked without touching this file.
"""

import re

import attrs
import pytest
from diandian import EmissionFactor, FactorSource, Quality
from diandian.plugins import PluginHost

# Words that mark a number as our own arithmetic or assumption rather than read in a document.
_NOT_READ = re.compile(r"\b(assum\w*|estimat\w*|unconfirmed|median of|taken as)", re.IGNORECASE)
_OUR_OWN = "Diandian"


def source_problems(factor: EmissionFactor) -> list[str]:
    """What is wrong with a factor's source and quality flag (empty when nothing is)."""
    source = factor.source
    found = []
    if not (source.publisher.strip() and source.document.strip()):
        found.append("no publisher or document")
    if not 1900 <= source.year <= 2100:
        found.append(f"no year ({source.year})")
    if factor.quality is not Quality.SOURCED and len(factor.method.strip()) < 20:
        found.append("a derived or estimated factor must state its method")
    said = f"{source.document} {factor.method}"
    if factor.quality is Quality.SOURCED and (source.publisher == _OUR_OWN or _NOT_READ.search(said)):
        found.append("a number not read in a document is flagged 'sourced'")
    if factor.quality is not Quality.ESTIMATE and re.search("unconfirmed", said, re.IGNORECASE):
        found.append("an UNCONFIRMED value may be used only as an estimate")
    return found


def registered_factors() -> list[EmissionFactor]:
    host = PluginHost(environ={}).load()
    assert not host.errors, host.errors
    return [factor for table in host.factor_set.tables.values() for factor in table.factors]


FACTORS = registered_factors()


def test_the_book_holds_the_plugins_tables() -> None:
    assert {"hotel.desnz", "hotel.services"} <= {f.table for f in FACTORS}


@pytest.mark.parametrize("factor", FACTORS, ids=lambda f: f"{f.table}:{f.activity}/{f.region}")
def test_factor_has_a_source_and_a_flag_that_matches_it(factor: EmissionFactor) -> None:
    assert source_problems(factor) == []


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"source": FactorSource("", "", 2024)}, "no publisher"),
        ({"quality": Quality.ESTIMATE, "method": ""}, "must state its method"),
        ({"source": FactorSource(_OUR_OWN, "our sum", 2024)}, "flagged 'sourced'"),
        ({"method": "assumed 1 kWh per kg"}, "flagged 'sourced'"),
        ({"quality": Quality.DERIVED, "method": "an UNCONFIRMED per-bag mass x factor"}, "UNCONFIRMED"),
    ],
)
def test_the_check_catches_unsourced_and_unflagged_factors(changes: dict, problem: str) -> None:
    good = EmissionFactor("x.y", "CN", 1.0, "kg", FactorSource("Publisher", "Document", 2024))
    assert source_problems(good) == []
    assert any(problem in p for p in source_problems(attrs.evolve(good, **changes)))
