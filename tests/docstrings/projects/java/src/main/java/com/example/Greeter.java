package com.example;

import java.io.IOException;

public interface Greeter {
    String greet(String name);
}

class Hidden {}
