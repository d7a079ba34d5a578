// How fast this machine is right now, in two figures `.ci/run` prints before and after the tests, so that a run's times
// can be read beside the machine's (the same commit's tests have taken twice as long on one day as on another).
// - compute: a fixed loop of integer arithmetic, one core (ms);
// - fresh memory: 128 MB written once, the kernel giving each page on first touch (ms); on a virtual machine that
//   hands pages back to its host, this is what the processes the tests start pay to grow.
// Each the median of three tries.
const median = (runs) => runs.sort((a, b) => a - b)[1];
const timed = (work) => median([0, 1, 2].map(() => { const began = performance.now(); work(); return performance.now() - began; }));

const compute = timed(() => {
  let x = 0;
  for (let i = 0; i < 3e7; i++) x = (x + i * 7) % 1_000_003;
  if (x < 0) throw new Error('unreachable');
});
const memory = timed(() => Buffer.allocUnsafeSlow(128 * 1024 * 1024).fill(1));
console.log(`machine: compute ${Math.round(compute)} ms, fresh memory (128 MB) ${Math.round(memory)} ms`);
