package org.yubin;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Starts the mail server: listeners, queue, delivery and the routes in {@code routes/}. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class YubinApplication {

    public static void main(String[] args) {
        SpringApplication.run(YubinApplication.class, args);
    }
}
