/**
 * Reading the contract's topics without a consumer group: a range up to its end ({@code
 * TopicRange}) for replays and status queries, and a follower of
 * {@code contimg.outcomes} ({@code OutcomeWatch}) for commands that wait on the
 * pipeline. Apart from {@code topics} (the registry) because they need the client settings of {@code config}, which
 * itself names the registry's layout.
 */
package org.dsa110.contimg.contract.reading;
