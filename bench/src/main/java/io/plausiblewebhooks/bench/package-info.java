/**
 * Load benchmarks. Each is a {@code main} program that sets up what it measures on this machine
 * (embedded PostgreSQL, local HTTPS receivers), measures a baseline in the same run, and prints its
 * figures and ratios. Results and the commands that produced them are recorded in BENCHMARKS.md.
 */
package io.plausiblewebhooks.bench;
