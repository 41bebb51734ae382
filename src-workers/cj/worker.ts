import { CjResult, CjTask } from '../../shared/contracts/cj';
import { runFit, runGradeCalibration, runGrades, runNextPair, runSimulation, runStopCheck } from './tasks';
import { warmUpFit } from './warm-up';

/** Piscina entry: every task and result is parsed where it crosses the thread boundary. Nothing is kept between tasks. */
export default function cjWorker(input: unknown): CjResult {
  const task = CjTask.parse(input);
  switch (task.kind) {
    case 'fit':
      return CjResult.parse(runFit(task));
    case 'next-pair':
      return CjResult.parse(runNextPair(task));
    case 'stop-check':
      return CjResult.parse(runStopCheck(task));
    case 'grades':
      return CjResult.parse(runGrades(task));
    case 'simulate':
      return CjResult.parse(runSimulation(task));
    case 'grade-calibration':
      return CjResult.parse(runGradeCalibration(task));
  }
}

// While the module loads, so piscina sends no task before the fit is compiled.
warmUpFit(cjWorker);
