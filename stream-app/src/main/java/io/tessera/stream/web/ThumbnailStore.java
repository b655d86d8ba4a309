package io.tessera.stream.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The last N defect thumbnails, oldest dropped first; memory stays at N small JPEGs. */
final class ThumbnailStore {
    private final int capacity;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();
    private long nextId = 1;

    ThumbnailStore(int capacity) {
        this.capacity = capacity;
    }

    private record Entry(ThumbnailInfo info, byte[] jpeg) {
    }

    /** Stores a thumbnail under a fresh id and returns its description. */
    synchronized ThumbnailInfo add(ThumbnailInfo withoutId, byte[] jpeg) {
        String id = "t" + nextId++;
        ThumbnailInfo info = new ThumbnailInfo(id, withoutId.cameraId(), withoutId.lineId(), withoutId.sequence(),
                withoutId.partId(), withoutId.captureTime(), withoutId.defectScore(), withoutId.threshold(),
                withoutId.frameWidth(), withoutId.frameHeight(), withoutId.width(), withoutId.height(), withoutId.tiles(),
                withoutId.modelVersion());
        entries.put(id, new Entry(info, jpeg.clone()));
        while (entries.size() > capacity) {
            Map.Entry<String, Entry> eldest = entries.entrySet().iterator().next();
            entries.remove(eldest.getKey());
        }
        return info;
    }

    synchronized Optional<byte[]> jpeg(String id) {
        Entry e = entries.get(id);
        return e == null ? Optional.empty() : Optional.of(e.jpeg.clone());
    }

    /** Oldest first. */
    synchronized List<ThumbnailInfo> list() {
        List<ThumbnailInfo> out = new ArrayList<>(entries.size());
        entries.values().forEach(e -> out.add(e.info));
        return out;
    }
}
