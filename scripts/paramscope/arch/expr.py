"""The small expression language of the adapters: parsed here into JSON trees that Python and the page evaluate alike.

Grammar: `c ? a : b`, `||`, `&&`, `!`, comparisons, `+ -`, `* / %` (`/` divides integers, rounding down as
transformers' `//` does), numbers, 'strings', true/false/null, names, and calls of the functions in FUNCTIONS
(`given('x')`: the name x was read from the config rather than defaulted).
"""
import re

TOKEN = re.compile(r"\s*(?:(\d+)|'([^']*)'|([A-Za-z_][A-Za-z_0-9]*)|(\|\||&&|==|!=|<=|>=|[-+*/%<>!?:(),]))")
BINARY = [("||",), ("&&",), ("==", "!=", "<", "<=", ">", ">="), ("+", "-"), ("*", "/", "%")]
LITERALS = {"true": True, "false": False, "null": None}


def moe_layers(layers: int, first: int, step: int, dense: list) -> int:
    """Layers i in [first, layers) with (i + 1) % step == 0 and i not listed as dense: closed form, any depth."""
    def upto(n):  # i in [0, n) with (i + 1) % step == 0
        return n // step
    listed = {i for i in dense if first <= i < layers and (i + 1) % step == 0}
    return max(0, upto(layers) - upto(min(first, layers))) - len(listed)


FUNCTIONS = {"given": None, "min": min, "max": max, "moe_layers": moe_layers, "startswith": lambda s, p: s.startswith(p),
             "has": lambda items, x: x in items, "size": len}


def parse(text: str) -> list:
    """The tree of `text`: ["num", n] | ["str", s] | ["lit", v] | ["var", name] | ["call", f, [args]] |
    ["not", a] | ["neg", a] | ["if", c, a, b] | [op, a, b]."""
    tokens, pos = [], 0
    while pos < len(text.rstrip()):
        m = TOKEN.match(text, pos)
        if m is None:
            raise SyntaxError(f"bad expression {text!r} at {pos}")
        tokens.append(m.groups())
        pos = m.end()
    i = 0

    def peek():
        return tokens[i][3] if i < len(tokens) else None

    def take(op):
        nonlocal i
        if peek() != op:
            raise SyntaxError(f"expected {op!r} in {text!r}")
        i += 1

    def ternary():
        cond = binary(0)
        if peek() == "?":
            take("?")
            a = ternary()
            take(":")
            return ["if", cond, a, ternary()]
        return cond

    def binary(level):
        if level == len(BINARY):
            return unary()
        left = binary(level + 1)
        while peek() in BINARY[level]:
            op = peek()
            take(op)
            left = [op, left, binary(level + 1)]
        return left

    def unary():
        if peek() in ("!", "-"):
            op = peek()
            take(op)
            return ["not" if op == "!" else "neg", unary()]
        return primary()

    def primary():
        nonlocal i
        if i >= len(tokens):
            raise SyntaxError(f"unexpected end of {text!r}")
        num, string, name, op = tokens[i]
        if op == "(":
            take("(")
            inner = ternary()
            take(")")
            return inner
        i += 1
        if num is not None:
            return ["num", int(num)]
        if string is not None:
            return ["str", string]
        if name in LITERALS:
            return ["lit", LITERALS[name]]
        if name is not None and peek() == "(":
            if name not in FUNCTIONS:
                raise SyntaxError(f"unknown function {name} in {text!r}")
            take("(")
            args = [ternary()]
            while peek() == ",":
                take(",")
                args.append(ternary())
            take(")")
            return ["call", name, args]
        if name is not None:
            return ["var", name]
        raise SyntaxError(f"unexpected {op!r} in {text!r}")

    tree = ternary()
    if i != len(tokens):
        raise SyntaxError(f"trailing tokens in {text!r}")
    return tree


OPS = {"+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b, "/": lambda a, b: a // b,
       "%": lambda a, b: a % b, "==": lambda a, b: a == b, "!=": lambda a, b: a != b, "<": lambda a, b: a < b,
       "<=": lambda a, b: a <= b, ">": lambda a, b: a > b, ">=": lambda a, b: a >= b}


def evaluate(tree: list, env: dict):
    """The value of a parsed tree with the names in `env` (integers stay exact at any size)."""
    tag = tree[0]
    if tag in ("num", "str", "lit"):
        return tree[1]
    if tag == "var":
        return env[tree[1]]
    if tag == "call" and tree[1] == "given":  # given('x'): x was read from the config, not defaulted
        return evaluate(tree[2][0], env) in env["given"]
    if tag == "call":
        return FUNCTIONS[tree[1]](*(evaluate(a, env) for a in tree[2]))
    if tag == "not":
        return not evaluate(tree[1], env)
    if tag == "neg":
        return -evaluate(tree[1], env)
    if tag == "if":
        return evaluate(tree[2], env) if evaluate(tree[1], env) else evaluate(tree[3], env)
    if tag == "||":
        return evaluate(tree[1], env) or evaluate(tree[2], env)
    if tag == "&&":
        return evaluate(tree[1], env) and evaluate(tree[2], env)
    return OPS[tag](evaluate(tree[1], env), evaluate(tree[2], env))
