package dev.augur.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The KTH human-action frames in the layout e3d_lstm and predrnn-pytorch read:
 * {@code <root>/<action>/personXX_<action>_dN_uncomp/image_NNNN.jpg}, six actions, persons 01–16 for training and
 * 17–25 for testing. Frames are grey (the first colour channel, as e3d_lstm takes it), resized to
 * {@code size}×{@code size} (bilinear) and scaled to [0, 1]. Windows of consecutive frames are cut as e3d_lstm cuts
 * them, walking back from the end of each person's frames: after a window, boxing, hand-clapping, hand-waving and
 * walking skip a whole window, jogging and running move by 3 frames. Training batches draw windows uniformly
 * from (seed, step); the test set is the first windows in folder order.
 */
public final class KthActions extends ImageFolderClips {
    public static final List<String> WHOLE_WINDOW_ACTIONS = List.of("boxing", "handclapping", "handwaving", "walking");
    public static final List<String> STRIDE_3_ACTIONS = List.of("jogging", "running");
    private static final int LAST_TRAIN_PERSON = 16;

    /** Where the frames are and the side they are resized to (64 or 128 in the papers). */
    public record Config(String root, int size) {
        public Config {
            if (root == null || root.isBlank()) {
                throw new IllegalArgumentException("KTH data needs its folder");
            }
            if (size < 4) {
                throw new IllegalArgumentException("frame size must be >= 4, got " + size);
            }
        }
    }

    public KthActions(Config config, long seed) throws IOException {
        this(Path.of(config.root()), config.size(), seed);
    }

    public KthActions(Path root, int size, long seed) throws IOException {
        super(root, size, seed);
        if (!Files.isDirectory(root)) {
            throw new NoSuchFileException(root.toString(), null, "no such KTH folder");
        }
        boolean any = false;
        for (String action : actions()) {
            any |= Files.isDirectory(root.resolve(action));
        }
        if (!any) {
            throw new IOException(root + ": no action folders (expected some of " + actions() + ")");
        }
    }

    private static List<String> actions() {
        List<String> all = new ArrayList<>(WHOLE_WINDOW_ACTIONS);
        all.addAll(STRIDE_3_ACTIONS);
        return all;
    }

    @Override
    protected Clips cut(boolean training, int length) throws IOException {
        List<float[]> frames = new ArrayList<>();
        List<Integer> owner = new ArrayList<>();
        List<Integer> number = new ArrayList<>();
        List<Boolean> wholeWindow = new ArrayList<>();
        int folder = 0;
        for (String action : actions()) {
            Path dir = root.resolve(action);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            for (Path person : sortedChildren(dir)) {
                String name = person.getFileName().toString();
                int id = personId(name);
                if (id < 0 || (id <= LAST_TRAIN_PERSON) != training) {
                    continue;
                }
                folder++;
                for (Path image : sortedChildren(person)) {
                    String file = image.getFileName().toString();
                    if (!file.startsWith("image")) {
                        continue;
                    }
                    frames.add(read(image));
                    owner.add(folder);
                    number.add(frameNumber(image));
                    wholeWindow.add(WHOLE_WINDOW_ACTIONS.contains(action));
                }
            }
        }
        List<Integer> starts = new ArrayList<>();
        int index = frames.size() - 1;
        while (index >= length - 1) {
            int first = index - length + 1;
            if (owner.get(index).equals(owner.get(first)) && number.get(index) - number.get(first) == length - 1) {
                starts.add(first);
                index -= wholeWindow.get(index) ? length - 1 : 2;
            }
            index--;
        }
        if (starts.isEmpty()) {
            throw new IOException(root + ": no run of " + length + " consecutive frames for the "
                    + (training ? "training (01-16)" : "test (17-25)") + " persons");
        }
        return gather(frames, starts, length);
    }

    /** The XX of personXX_..., or −1 for folders of another name. */
    static int personId(String folder) {
        if (!folder.startsWith("person") || folder.length() < 8) {
            return -1;
        }
        try {
            return Integer.parseInt(folder.substring(6, 8));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int frameNumber(Path image) throws IOException {
        String core = image.getFileName().toString().substring("image".length()).replaceFirst("^_", "");
        int dot = core.indexOf('.');
        try {
            return Integer.parseInt(dot < 0 ? core : core.substring(0, dot));
        } catch (NumberFormatException e) {
            throw new IOException(image + ": frame file names must be image_NNNN.<ext>", e);
        }
    }
}
