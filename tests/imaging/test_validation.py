"""validate_spec and friends: friendly spellings in, wire values out, clear refusals."""

from __future__ import annotations

import pytest

from xpaint_desktop.errors import InputError
from xpaint_desktop.imaging.limits import FEATHER_MAX_PX, IMAGEEDIT, X_PAINTING
from xpaint_desktop.imaging.validation import check_prompt, parse_mask_color, validate_spec
from xpaint_desktop.spec import EngineKind, JobSpec


def spec(**changes: object) -> JobSpec:
    return JobSpec(prompt="a red kite in the sky").with_changes(**changes)


@pytest.mark.parametrize(
    ("given", "wire"),
    [
        ("<anime>", "<anime>"),
        ("anime", "<anime>"),
        ("oil-painting", "<oil painting>"),
        ("Oil painting", "<oil painting>"),
        ("  <3D Cartoon> ", "<3d cartoon>"),
        ("chinese painting", "<chinese painting>"),
        ("auto", "<auto>"),
    ],
)
def test_style_spellings_become_wire_values(given: str, wire: str) -> None:
    assert validate_spec(spec(style=given), X_PAINTING).style == wire


def test_unknown_style_lists_the_choices() -> None:
    with pytest.raises(InputError) as info:
        validate_spec(spec(style="cubism"), X_PAINTING)
    text = str(info.value)
    assert text.startswith("style 'cubism' is not known")
    for s in X_PAINTING.styles:
        assert s.slug in text


@pytest.mark.parametrize(
    ("given", "wire"),
    [
        ("auto", "auto"),
        ("1024*1024", "1024*1024"),
        ("720x1280", "720*1280"),
        ("1280 X 720", "1280*720"),
    ],
)
def test_sizes(given: str, wire: str) -> None:
    assert validate_spec(spec(size=given), X_PAINTING).size == wire


def test_unknown_size_lists_the_sizes() -> None:
    allowed = r"auto, 1024\*1024, 720\*1280, 1280\*720"
    with pytest.raises(InputError, match=rf"size '800\*600' .*{allowed}"):
        validate_spec(spec(size="800*600"), X_PAINTING)


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_n_in_range(n: int) -> None:
    assert validate_spec(spec(n=n), X_PAINTING).n == n


@pytest.mark.parametrize("n", [0, 5, -1, True, 2.0, "2"])
def test_n_out_of_range(n: object) -> None:
    with pytest.raises(InputError, match=r"^n \(number of images\) is .*from 1 to 4"):
        validate_spec(spec(n=n), X_PAINTING)


def test_mask_colours_are_checked() -> None:
    ok = validate_spec(spec(mask_color=((0, 0, 0), (134, 134, 134))), X_PAINTING)
    assert ok.mask_color == ((0, 0, 0), (134, 134, 134))
    for bad in [((0, 0, 256),), ((0, 0),), ((-1, 0, 0),), ((0.5, 0, 0),)]:
        with pytest.raises(InputError, match=r"^mask colour .*three whole numbers 0-255"):
            validate_spec(spec(mask_color=bad), X_PAINTING)


@pytest.mark.parametrize("feather", [0, 8, FEATHER_MAX_PX])
def test_feather_in_range(feather: int) -> None:
    assert validate_spec(spec(feather=feather), X_PAINTING).feather == feather


@pytest.mark.parametrize("feather", [-1, FEATHER_MAX_PX + 1, 2.5])
def test_feather_out_of_range(feather: object) -> None:
    with pytest.raises(InputError, match=rf"^feather is .*from 0 to {FEATHER_MAX_PX}"):
        validate_spec(spec(feather=feather), X_PAINTING)


@pytest.mark.parametrize("prompt", ["", "   ", "\n\t"])
def test_empty_prompt_is_an_error_for_the_cloud_only(prompt: str) -> None:
    with pytest.raises(InputError, match=r"^prompt is empty: .*up to 75 characters"):
        validate_spec(spec(prompt=prompt), X_PAINTING)
    local = validate_spec(spec(prompt=prompt, engine=EngineKind.LOCAL), X_PAINTING)
    assert local.prompt == ""


def test_prompt_is_trimmed_and_other_fields_kept() -> None:
    given = spec(prompt="  a cat  ", n=3, parent_job_id=7)
    out = validate_spec(given, X_PAINTING)
    assert out.prompt == "a cat"
    assert out.n == 3
    assert out.parent_job_id == 7


def test_model_without_styles() -> None:
    assert validate_spec(spec(style="<auto>"), IMAGEEDIT).style == ""
    with pytest.raises(InputError, match="has no styles"):
        validate_spec(spec(style="anime"), IMAGEEDIT)


def test_check_prompt_counts_characters_not_bytes() -> None:
    chinese = "一只戴着红色眼镜的狗" * 8  # 80 characters, 240 bytes in UTF-8
    check = check_prompt(chinese, X_PAINTING)
    assert len(check.sent) == 75
    assert check.cut == chinese[75:]
    assert check.is_cut
    short = check_prompt("a dog", X_PAINTING)
    assert (short.sent, short.cut, short.is_cut) == ("a dog", "", False)
    exact = "x" * 75
    assert check_prompt(exact, X_PAINTING).cut == ""


@pytest.mark.parametrize(
    ("text", "rgb"),
    [
        ("134,134,134", (134, 134, 134)),
        (" 0, 0 ,0 ", (0, 0, 0)),
        ("255 128 1", (255, 128, 1)),
        ("(10, 20, 30)", (10, 20, 30)),
        ("#868686", (134, 134, 134)),
        ("ff0000", (255, 0, 0)),
    ],
)
def test_parse_mask_color(text: str, rgb: tuple[int, int, int]) -> None:
    assert parse_mask_color(text) == rgb


@pytest.mark.parametrize("text", ["", "1,2", "1,2,3,4", "a,b,c", "300,0,0", "-1,0,0"])
def test_parse_mask_color_refuses(text: str) -> None:
    with pytest.raises(InputError, match="mask colour"):
        parse_mask_color(text)
