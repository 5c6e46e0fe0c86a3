"""The Model size page's calculator: the adapters, formula defaults and zoo configs that docs/javascripts/count.js
reads to count a pasted config.json in the browser."""
from paramscope import counting, zoo


def produce(out):
    data = counting.calculator_data()
    for name, entry in zoo.ZOO.items():  # the page's zoo counts with the same adapters as every other page
        assert counting.count(entry.config).total > 0, name
    assert set(data["adapters"]["model_types"]) >= {e.config["model_type"] for e in zoo.ZOO.values()}
    out.data("count", data)
