/**
 * The one wink-nlp instance of the process. Loading the model takes ~100 ms, so
 * every stage shares it.
 */
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

let instance: ReturnType<typeof winkNLP> | undefined;

export function nlp(): ReturnType<typeof winkNLP> {
  // Only sentence boundaries and POS tags (lemmas come on demand): wink's NER, negation,
  // sentiment and custom-entity pipes are unused here and cost a third of its time.
  instance ??= winkNLP(model, ['sbd', 'pos']);
  return instance;
}

/** Tokens of a short string (a knowledge-base name), as wink splits them. */
export function tokenizeName(name: string): string[] {
  const n = nlp();
  return n.readDoc(name).tokens().out(n.its.value) as string[];
}
