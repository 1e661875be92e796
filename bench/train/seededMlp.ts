import * as tf from '@tensorflow/tfjs';

/**
 * The MNIST sample's 784-128-10 network with seeded initial weights, compiled as the sample
 * compiles it: every in-process runner of a bench starts from the same weights.
 */
export function seededMlp(): tf.Sequential {
  const model = tf.sequential({ layers: [
    tf.layers.dense({ inputShape: [784], units: 128, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }),
    tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
  ] });
  model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}
