package vn.gov.haiphong.lgsp.exchange.delivery;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.jms.ExceptionListener;
import jakarta.jms.JMSException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Remembers that Artemis failed this node since recovery last looked: a claim check it would not
 * take, or a delivery consumer's session lost (a broker death, a failover to the backup). After a
 * failover a claim check can stay held by a consumer session that died with the old broker, so
 * recovery then sends every claim check not yet acted on again, within seconds, instead of
 * waiting for the periodic sweep's grace ({@link DeliveryRecovery#recoverOwed}). The delivery
 * consumers' listener containers report here as their JMS exception listener.
 */
@Component("deliveryBrokerTrouble")
public class BrokerTrouble implements ExceptionListener {

    private static final Logger log = LoggerFactory.getLogger(BrokerTrouble.class);

    private final AtomicBoolean noticed = new AtomicBoolean();

    @Override
    public void onException(JMSException exception) {
        if (note()) {
            log.info("A delivery consumer lost its Artemis session ({}): claim checks not yet acted on are sent again",
                    exception.getMessage());
        }
    }

    /** @return whether the broker failed this node since the last call */
    boolean take() {
        return noticed.getAndSet(false);
    }

    /** @return true the first time since the last {@link #take()} */
    boolean note() {
        return noticed.compareAndSet(false, true);
    }
}
