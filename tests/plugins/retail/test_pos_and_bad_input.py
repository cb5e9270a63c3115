"""The POS path agrees with the engine; bad lines are refused naming the line; odd ones warn."""

import diandian
import pytest
from diandian import ValidationFailed
from diandian_retail import CATEGORIES, CardTransaction, ReceiptLine, RetailCatalogue
from hypothesis import given, settings
from hypothesis import strategies as st


@pytest.fixture(scope="module")
def catalogue(engine: diandian.Engine) -> RetailCatalogue:
    return RetailCatalogue(engine)


lines = st.builds(
    ReceiptLine,
    st.sampled_from(sorted(CATEGORIES)),
    st.integers(1, 20),
    st.one_of(st.none(), st.floats(1, 5_000)),
    st.floats(0.5, 500),
).filter(
    lambda line: (
        line.grams is not None
        or CATEGORIES[line.category].per_kg is None
        or CATEGORIES[line.category].per_cny is not None
    )
)


@settings(max_examples=300, deadline=None)
@given(receipt=st.lists(lines, min_size=1, max_size=25))
def test_fast_path_equals_the_engine_footprint(
    catalogue: RetailCatalogue, receipt: list[ReceiptLine]
) -> None:
    fast = catalogue.receipt(receipt)
    full = catalogue.footprint(receipt)
    assert fast.grams == full.grams
    assert fast.line_grams == tuple(line.grams for line in full.lines)


@pytest.mark.parametrize(
    ("line", "path", "code"),
    [
        (ReceiptLine("pork", 1, -250.0), "lines.0.grams", "out_of_range"),
        (ReceiptLine("pork", 0, 250.0), "lines.0.quantity", "out_of_range"),
        (ReceiptLine("pork", float("nan"), 250.0), "lines.0.quantity", "out_of_range"),
        (ReceiptLine("caviar", 1, 50.0), "lines.0.category", "unknown_category"),
        (ReceiptLine("x" * 1_000_000, 1, 50.0), "lines.0.category", "unknown_category"),
        (ReceiptLine("snacks", 1, 100.0), "lines.0", "needs_mass_or_price"),
        (ReceiptLine("plastic_goods", 1, None, 9.9), "lines.0", "needs_mass_or_price"),
        (ReceiptLine("milk", "2", 1_000.0), "lines.0.quantity", "out_of_range"),  # type: ignore[arg-type]
        (ReceiptLine("milk", 1, None, float("inf")), "lines.0.price_cny", "out_of_range"),
    ],
)
def test_bad_lines_are_refused_naming_the_line(
    catalogue: RetailCatalogue, line: ReceiptLine, path: str, code: str
) -> None:
    with pytest.raises(ValidationFailed) as caught:
        catalogue.receipt([line])
    (problem,) = caught.value.problems
    assert (problem.path, problem.code) == (path, code)
    assert len(problem.message) < 300


def test_unknown_mcc_is_refused(catalogue: RetailCatalogue) -> None:
    with pytest.raises(ValidationFailed, match=r"transactions\.1\.mcc"):
        catalogue.transactions([CardTransaction("5411", 10.0), CardTransaction("9999", 10.0)])
    with pytest.raises(ValidationFailed, match=r"transactions\.0\.amount_cny"):
        catalogue.transactions([CardTransaction("5411", -10.0)])


def test_a_wholesale_basket_is_accepted_with_warnings(catalogue: RetailCatalogue) -> None:
    result = catalogue.receipt([ReceiptLine("rice", 200, 25_000.0, 30_000.0)])
    assert {w.path for w in result.warnings} == {"lines.0.quantity", "lines.0.grams", "lines.0.price_cny"}
    assert result.grams == 22_250_000  # 200 x 25 kg x 4.45 kg/kg = 22 250 kg
    assert catalogue.footprint([ReceiptLine("rice", 200, 25_000.0)]).warnings


@pytest.mark.parametrize(
    ("answers", "path", "code"),
    [
        ({}, "items", "required"),
        ({"total_cny": 50, "items": [{"category": "pork", "grams": 100}]}, "total_cny", "both_given"),
        ({"items": [{"category": "pork", "grams": -100}]}, "items.0.grams", "below_minimum"),
        ({"items": [{"category": "pork"}]}, "items.0", "needs_mass_or_price"),
        ({"items": [{"category": "bag_paper", "price_cny": 1}]}, "items.0.category", "unknown_option"),
        ({"total_cny": 10, "store": "casino"}, "store", "unknown_option"),
        ({"bags": [{"type": "paper", "count": 500}]}, "bags.0.count", "above_maximum"),
    ],
)
def test_bad_answers_name_the_field(engine: diandian.Engine, answers: dict, path: str, code: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        engine.footprint("retail", answers)
    assert {p.path: p.code for p in caught.value.problems}[path] == code


def test_receipt_lines_from_records(engine: diandian.Engine) -> None:
    from diandian_retail import ReceiptLine, RetailCatalogue, receipt_lines

    lines = receipt_lines(
        [{"category": "milk", "quantity": 2, "grams": 1000}, {"category": "snacks", "price_cny": 19.5}]
    )
    assert lines == [ReceiptLine("milk", 2, 1000), ReceiptLine("snacks", price_cny=19.5)]
    assert RetailCatalogue(engine).receipt(lines).grams > 0
    with pytest.raises(diandian.ValidationFailed) as refused:
        receipt_lines([{"category": "milk", "qty": 2}, {"quantity": 1}, "milk"])  # type: ignore[list-item]
    assert [(p.path, p.code) for p in refused.value.problems] == [
        ("lines.0.qty", "unknown_field"),
        ("lines.1.category", "required"),
        ("lines.2", "not_an_object"),
    ]
