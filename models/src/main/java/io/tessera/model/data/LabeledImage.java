package io.tessera.model.data;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One image of a dataset with its image-level label.
 *
 * @param className the folder it sits in ({@code ok}, {@code pitting}, {@code free}, ...)
 * @param defect    whether the class is a defect class
 * @param mask      pixel mask (255 = defect), absent for good images
 * @param group     images of one group are near-duplicates and always share a split
 */
public record LabeledImage(Path image, String className, boolean defect, Optional<Path> mask, String group,
        Split split) {

    public String fileName() {
        return image.getFileName().toString();
    }
}
