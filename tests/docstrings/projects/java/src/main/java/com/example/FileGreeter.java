package com.example;

import java.io.IOException;

public class FileGreeter implements Greeter {
    private final String prefix;

    public FileGreeter(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public String greet(String name) {
        if (name == null) {
            throw new IllegalArgumentException("name is null");
        }
        return prefix + name;
    }

    public void save(String path) throws IOException {
        write(path);
    }

    private void write(String path) throws IOException {}
}
