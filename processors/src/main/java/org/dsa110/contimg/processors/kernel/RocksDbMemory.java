package org.dsa110.contimg.processors.kernel;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.apache.kafka.streams.state.internals.BlockBasedTableConfigWithAccessibleCache;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;

/**
 * One memory bound for every RocksDB store of this process, both Streams applications of {@code contimg up} together
 * (Kafka Streams' {@code rocksdb.config.setter}). Left to Streams' defaults each store of each task takes its own 50
 * MiB block cache and up to three 16 MiB memtables: a bound of about 2 GiB for the 21 stores of a host, reached
 * under a long backfill, against a working set of a few megabytes. Here all stores share one cache of
 * {@value #CACHE_BYTES} bytes that holds their index and filter blocks too, and their memtables are charged to it
 * (up to {@value #WRITE_BUFFER_BYTES} bytes); what does not fit is read from the files, through the operating system's
 * page cache.
 */
public final class RocksDbMemory implements RocksDBConfigSetter {

    /** The shared cache, memtables included: sized for a host that keeps the stores of docs/design.md. */
    public static final long CACHE_BYTES = 32L * 1024 * 1024;
    /** The memtables' share of {@link #CACHE_BYTES}. */
    public static final long WRITE_BUFFER_BYTES = 8L * 1024 * 1024;
    /** One memtable of a store: flushed when full, so a store holds at most two. */
    private static final long MEMTABLE_BYTES = 2L * 1024 * 1024;

    static {
        RocksDB.loadLibrary(); // before the cache is made: Streams loads it only when it opens its first store
    }

    // Process-wide on purpose: one bound for every store, never closed (stores come and go with their tasks).
    private static final Cache CACHE = new LRUCache(CACHE_BYTES, -1, false, 0.1);
    private static final WriteBufferManager WRITE_BUFFERS = new WriteBufferManager(WRITE_BUFFER_BYTES, CACHE);

    /** Bytes the shared cache holds now: blocks read, index and filter blocks, and the memtables charged to it. */
    public static long usage() {
        return CACHE.getUsage();
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        var table = (BlockBasedTableConfigWithAccessibleCache) options.tableFormatConfig();
        table.setBlockCache(CACHE);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(WRITE_BUFFERS);
        options.setWriteBufferSize(MEMTABLE_BYTES);
        options.setMaxWriteBufferNumber(2);
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and the write-buffer manager are shared by every store: they live as long as the process.
    }
}
