package io.tessera.protocol;

import java.util.ArrayList;
import java.util.List;

/** An axis-aligned box in frame pixels. */
public record Region(int x, int y, int width, int height) {
    public Region {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("region must have a positive size, got " + width + "x" + height);
        }
    }

    public boolean intersects(Region other) {
        return x < other.x + other.width && other.x < x + width
                && y < other.y + other.height && other.y < y + height;
    }

    /** Encodes regions as {@code x,y,w,h;x,y,w,h} (the ground-truth header format). */
    public static String format(List<Region> regions) {
        StringBuilder out = new StringBuilder();
        for (Region r : regions) {
            if (out.length() > 0) {
                out.append(';');
            }
            out.append(r.x).append(',').append(r.y).append(',').append(r.width).append(',').append(r.height);
        }
        return out.toString();
    }

    /** Parses {@link #format(List)}'s output; an empty string gives no regions. */
    public static List<Region> parseList(String text) {
        List<Region> regions = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return regions;
        }
        for (String part : text.split(";")) {
            String[] f = part.trim().split(",");
            if (f.length != 4) {
                throw new IllegalArgumentException("region must be x,y,w,h, got '" + part + "'");
            }
            regions.add(new Region(Integer.parseInt(f[0].trim()), Integer.parseInt(f[1].trim()),
                    Integer.parseInt(f[2].trim()), Integer.parseInt(f[3].trim())));
        }
        return regions;
    }
}
