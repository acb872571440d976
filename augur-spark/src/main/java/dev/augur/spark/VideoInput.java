package dev.augur.spark;

import java.io.Serializable;

/**
 * One video of an archive: {@code id} names its output partition ({@code video=<id>}), {@code uri} is where any
 * executor can read it (a local or shared file system, or any Hadoop file system).
 */
public record VideoInput(String id, String uri) implements Serializable {
    public VideoInput {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("video id must not be blank (" + uri + ")");
        }
    }
}
