// Indicator expressions in DHIS2's syntax: data elements as #{code}, numbers, + - * / and parentheses.
// Parsed once into a tree; evaluated on element totals that SQL has already summed.
import { HeadwayError } from '../errors.ts';

export type Expression =
  | { kind: 'number'; value: number }
  | { kind: 'element'; code: string }
  | { kind: 'negate'; operand: Expression }
  | { kind: 'binary'; op: '+' | '-' | '*' | '/'; left: Expression; right: Expression };

type Token =
  | { type: 'number'; value: number }
  | { type: 'element'; code: string }
  | { type: 'op'; op: string };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    const space = /^\s+/.exec(rest);
    const number = /^\d+(\.\d+)?/.exec(rest);
    const element = /^#\{([A-Za-z0-9_.-]+)\}/.exec(rest);
    if (space) i += space[0].length;
    else if (number) {
      tokens.push({ type: 'number', value: Number(number[0]) });
      i += number[0].length;
    } else if (element) {
      tokens.push({ type: 'element', code: element[1] as string });
      i += element[0].length;
    } else if ('+-*/()'.includes(rest[0] as string)) {
      tokens.push({ type: 'op', op: rest[0] as string });
      i += 1;
    } else {
      throw new HeadwayError(
        'invalid',
        `"${text}": unexpected "${rest.slice(0, 10)}" at character ${i + 1} (use #{element}, numbers, + - * / and parentheses)`,
      );
    }
  }
  return tokens;
}

export function parseExpression(text: string): Expression {
  const tokens = tokenize(text);
  let pos = 0;
  const fail = (why: string): never => {
    throw new HeadwayError('invalid', `"${text}": ${why}`);
  };
  const peekOp = () => {
    const t = tokens[pos];
    return t?.type === 'op' ? t.op : undefined;
  };
  // expression := term (('+'|'-') term)* ; term := factor (('*'|'/') factor)* ; factor := number | element | '-' factor | '(' expression ')'
  const expression = (): Expression => {
    let left = term();
    while (peekOp() === '+' || peekOp() === '-') {
      const op = peekOp() as '+' | '-';
      pos++;
      left = { kind: 'binary', op, left, right: term() };
    }
    return left;
  };
  const term = (): Expression => {
    let left = factor();
    while (peekOp() === '*' || peekOp() === '/') {
      const op = peekOp() as '*' | '/';
      pos++;
      left = { kind: 'binary', op, left, right: factor() };
    }
    return left;
  };
  const factor = (): Expression => {
    const t = tokens[pos++];
    if (!t) return fail('ends too soon');
    if (t.type === 'number') return { kind: 'number', value: t.value };
    if (t.type === 'element') return { kind: 'element', code: t.code };
    if (t.op === '-') return { kind: 'negate', operand: factor() };
    if (t.op === '(') {
      const inner = expression();
      if (tokens[pos]?.type !== 'op' || (tokens[pos] as { op: string }).op !== ')')
        fail('a "(" is not closed');
      pos++;
      return inner;
    }
    return fail(`"${t.op}" where a value should be`);
  };
  if (tokens.length === 0) fail('is empty');
  const tree = expression();
  if (pos < tokens.length) fail('has something left over after the end');
  return tree;
}

export function elementsOf(expression: Expression): string[] {
  switch (expression.kind) {
    case 'number':
      return [];
    case 'element':
      return [expression.code];
    case 'negate':
      return elementsOf(expression.operand);
    case 'binary':
      return [...new Set([...elementsOf(expression.left), ...elementsOf(expression.right)])];
  }
}

/** The value, or null when an element has no data or a division is by zero: missing is missing, not zero. */
export function evaluate(expression: Expression, totals: ReadonlyMap<string, number>): number | null {
  switch (expression.kind) {
    case 'number':
      return expression.value;
    case 'element':
      return totals.get(expression.code) ?? null;
    case 'negate': {
      const v = evaluate(expression.operand, totals);
      return v === null ? null : -v;
    }
    case 'binary': {
      const a = evaluate(expression.left, totals);
      const b = evaluate(expression.right, totals);
      if (a === null || b === null) return null;
      if (expression.op === '+') return a + b;
      if (expression.op === '-') return a - b;
      if (expression.op === '*') return a * b;
      return b === 0 ? null : a / b;
    }
  }
}
