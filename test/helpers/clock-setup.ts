/**
 * vitest setup file: when DAKA_TEST_NOW holds an ISO instant, the process clock (Date, Date.now)
 * starts at that instant and keeps running forward, for the tests and the in-process server alike.
 * CI runs the suite again with the clock on a Monday, a Sunday and just before midnight in
 * Shanghai, so a test that depends on the machine's calendar fails on any day.
 */
import { shiftProcessClock } from './test-clock.js';

const target = process.env.DAKA_TEST_NOW;
if (target) shiftProcessClock(target);
