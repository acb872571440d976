package dev.augur.data;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A CSV file with a header line, read whole (Jackson's CSV parser: quoting and all): the header's names trimmed,
 * then one array of cells per data line; row i is line i + 2 of the file. An unreadable file is an error naming it.
 */
public record CsvTable(Path file, List<String> header, List<String[]> rows) {
    /** @param what what the file is, for the error when it is missing ("series file", "forecasts file") */
    public static CsvTable read(Path file, String what) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such " + what);
        }
        CsvMapper csv = new CsvMapper();
        csv.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        List<String[]> rows = new ArrayList<>();
        try (MappingIterator<String[]> it = csv.readerFor(String[].class).readValues(file.toFile())) {
            while (it.hasNext()) {
                rows.add(it.next());
            }
        } catch (IOException | RuntimeException e) { // Jackson's own errors (bad UTF-8, quoting) do not name the file
            throw new IOException(file + ": not a readable CSV file (" + e.getMessage() + ")", e);
        }
        if (rows.isEmpty()) {
            throw new IOException(file + ": empty file, expected a header line");
        }
        List<String> header = Arrays.stream(rows.remove(0)).map(String::trim).toList();
        return new CsvTable(file, header, rows);
    }

    /** The file line of data row {@code i}. */
    public static int line(int row) {
        return row + 2;
    }
}
