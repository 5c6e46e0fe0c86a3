"""The three-parameter model on the Parameter page: moving a slider changes y = w1·x1 + w2·x2 + b and its loss as
Python computes them, one training step equals torch autograd's, and the widget starts after instant navigation."""
import json

import pytest
import torch

pytestmark = pytest.mark.browser

PAGE = "glossary/parameter/"
SET_JS = """([name, value]) => {
  const input = document.querySelector(`.ps-byhand input[name="${name}"]`);
  input.value = String(value);
  input.dispatchEvent(new Event("input", {bubbles: true}));
}"""


def model_data(site):
    return json.loads((site / "data" / "byhand" / "model.json").read_text())


def shown(page) -> tuple[float, float]:
    return (float(page.get_attribute(".ps-byhand__output", "data-y")),
            float(page.get_attribute(".ps-byhand__loss", "data-loss")))


def test_moving_a_parameter_changes_the_output_and_loss(visit, site):
    data = model_data(site)
    (x1, x2), target = data["x"], data["target"]
    v = visit(PAGE)
    page = v.page
    page.wait_for_selector(".ps-byhand input[name=w1]", timeout=10_000)
    start = data["start"]
    y0 = start["w1"] * x1 + start["w2"] * x2 + start["b"]
    assert shown(page) == pytest.approx((y0, (y0 - target) ** 2))
    for name, value in (("w1", 1.0), ("w2", 1.0), ("b", 0.0)):
        page.evaluate(SET_JS, [name, value])
    assert shown(page) == pytest.approx((x1 + x2, (x1 + x2 - target) ** 2))
    page.evaluate(SET_JS, ["b", -2.5])
    y = x1 + x2 - 2.5
    assert shown(page) == pytest.approx((y, (y - target) ** 2))
    text = page.inner_text(".ps-byhand__output")
    assert text.endswith("= " + f"{y:g}".replace("-", "\u2212")), text
    assert not v.problems()


def picture(page) -> dict:
    """What the picture beside the sliders draws: the y it shows, where its y dot stands, the error band's width."""
    return page.evaluate("""() => { const svg = document.querySelector(".ps-byhand svg.ps-byhand__picture");
      return { y: Number(svg.dataset.y), cx: Number(svg.querySelector(".ps-byhand__y").getAttribute("cx")),
               miss: Number(svg.querySelector(".ps-byhand__error").getAttribute("width")),
               title: svg.querySelector("title").textContent }; }""")


def test_the_picture_follows_the_sliders(visit, site):
    """Moving a slider moves the picture's y dot and its error band with it; on target the band is gone."""
    data = model_data(site)
    (x1, x2), target = data["x"], data["target"]
    v = visit(PAGE)
    page = v.page
    page.wait_for_selector(".ps-byhand svg.ps-byhand__picture", timeout=10_000)
    before = picture(page)
    assert before["y"] == pytest.approx(shown(page)[0]) and before["miss"] > 0
    page.evaluate(SET_JS, ["b", 2.0])
    after = picture(page)
    assert after["y"] == pytest.approx(shown(page)[0])
    assert after["cx"] != before["cx"] and after["miss"] != before["miss"], (before, after)
    assert after["title"] != before["title"]
    page.evaluate(SET_JS, ["w1", 1.0])
    page.evaluate(SET_JS, ["w2", 1.0])
    page.evaluate(SET_JS, ["b", target - x1 - x2])
    assert picture(page)["miss"] == pytest.approx(0, abs=1e-9)
    assert "reached exactly" in picture(page)["title"]
    assert not v.problems()


def test_one_training_step_equals_autograd(visit, site):
    data = model_data(site)
    w = torch.tensor([data["start"]["w1"], data["start"]["w2"]], dtype=torch.float64, requires_grad=True)
    b = torch.tensor(data["start"]["b"], dtype=torch.float64, requires_grad=True)
    loss = (w @ torch.tensor(data["x"], dtype=torch.float64) + b - data["target"]) ** 2
    loss.backward()
    w_new, b_new = w.detach() - data["step"] * w.grad, b.detach() - data["step"] * b.grad
    y_new = float(w_new @ torch.tensor(data["x"], dtype=torch.float64) + b_new)
    v = visit(PAGE)
    page = v.page
    page.wait_for_selector(".ps-byhand button", timeout=10_000)
    page.get_by_role("button", name="One training step").click()
    assert shown(page) == pytest.approx((y_new, (y_new - data["target"]) ** 2))
    assert page.inner_text("output[for$='-w1']") == f"{round(float(w_new[0]), 2):g}".replace("-", "\u2212")
    page.get_by_role("button", name="Start again").click()
    assert shown(page)[1] == pytest.approx(float(loss.detach()))
    assert not v.problems()


def test_the_model_works_after_instant_navigation(visit):
    v = visit("")
    page = v.page
    page.evaluate("window.__loadedOnce = true")
    page.evaluate(f"""() => {{ const a = document.createElement("a"); a.href = "{PAGE}"; a.id = "ps-go";
      a.textContent = "go"; document.querySelector("article").append(a); }}""")
    page.click("#ps-go")
    page.wait_for_url(f"**/{PAGE}*")
    page.wait_for_selector(".ps-byhand input[name=b]", timeout=10_000)
    assert page.evaluate("window.__loadedOnce === true"), "the link reloaded the page: instant navigation is off"
    page.evaluate(SET_JS, ["b", 2.0])
    assert "loss" in page.inner_text(".ps-byhand__loss")
    assert page.locator(".ps-byhand input[name=w1]").count() == 1, "the widget was built twice"
    assert not v.problems()
