package dev.emostream.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PublicAddressesTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "172.20.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0",
        "224.0.0.1", "::1", "fe80::1", "fd00::1", "::"})
    void privateLoopbackLinkLocalAndSpecialAddressesAreNotPublic(String address) throws Exception {
        assertThat(PublicAddresses.isPublic(InetAddress.getByName(address))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "151.101.1.69", "2606:4700::1111"})
    void globalUnicastAddressesArePublic(String address) throws Exception {
        assertThat(PublicAddresses.isPublic(InetAddress.getByName(address))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/x.jpg", "http://localhost/x.jpg", "http://[::1]/x.jpg", "http://169.254.169.254/latest/meta-data",
        "http://10.0.0.7/snapshot.jpg"})
    void urlsToThisMachineOrThePrivateNetworkAreRefusedNamingTheAddress(String url) {
        assertThatThrownBy(() -> PublicAddresses.check(URI.create(url))).hasMessageContaining("not a public address");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://8.8.8.8/x.jpg", "file:///etc/passwd"})
    void otherSchemesAreRefused(String url) {
        assertThatThrownBy(() -> PublicAddresses.check(URI.create(url))).hasMessageContaining("only http and https");
    }
}
